import { HttpException } from '@nestjs/common';
import { DomainError, DomainValidationError, StoreUnavailableError, TokenNotFoundError } from '@pat/domain';
import { ApiProblem } from './api-problem.exception';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Maps anything thrown while serving a request to the problem it answers with. */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof DomainValidationError) {
    return ApiProblem.validation([{ field: error.field, message: error.message }]);
  }
  if (error instanceof TokenNotFoundError) return new ApiProblem(404, error.code, 'No such token');
  if (error instanceof DomainError) return new ApiProblem(409, error.code, error.message);
  if (error instanceof StoreUnavailableError) {
    return new ApiProblem(503, 'store_unavailable', 'A backing store is unavailable; try again shortly');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return new ApiProblem(status, CODE_BY_STATUS[status] ?? 'http_error', httpExceptionDetail(error));
  }
  const clientStatus = requestStreamStatus(error);
  if (clientStatus !== null) {
    return new ApiProblem(clientStatus, CODE_BY_STATUS[clientStatus] ?? 'bad_request', 'The request could not be read');
  }
  return new ApiProblem(500, 'internal_error', 'Something went wrong on our side');
}

/** Fastify gives an error of the request's body stream (a client gone mid-body, a cut request) a 4xx status. */
function requestStreamStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  const { statusCode } = error;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : null;
}

function httpExceptionDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}
