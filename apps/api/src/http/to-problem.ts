import { HttpException } from '@nestjs/common';
import {
  DomainValidationError,
  StoreUnavailableError,
  TokenLimitReachedError,
  TokenNotActiveError,
  TokenNotFoundError,
} from '@pat/domain';
import { ApiProblem } from './api-problem.exception';
import type { ProblemCode } from './problem-catalog';

/** The codes of the errors Fastify raises while reading a request, which Nest hands on as HttpExceptions. */
const CODE_BY_STATUS = new Map<number, ProblemCode>([
  [400, 'malformed_request'], // a body shorter or longer than its Content-Length
  [404, 'not_found'],
  [408, 'request_timeout'],
  [413, 'payload_too_large'],
  [414, 'uri_too_long'],
  [415, 'unsupported_media_type'],
]);

const INTERNAL_ERROR = 'Something went wrong on our side';

/**
 * Maps anything thrown while serving a request to the problem it answers with. Anything not
 * foreseen here (another domain error, an HttpException of another status) is a bug: 500.
 */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof DomainValidationError) {
    return ApiProblem.validation([{ field: error.field, message: error.message }]);
  }
  if (error instanceof TokenNotFoundError) return new ApiProblem('token_not_found', 'No such token');
  if (error instanceof TokenLimitReachedError) return new ApiProblem('token_limit_reached', error.message);
  if (error instanceof TokenNotActiveError) return new ApiProblem('token_not_active', error.message);
  if (error instanceof StoreUnavailableError) {
    return new ApiProblem('store_unavailable', 'A backing store is unavailable; try again shortly');
  }
  if (error instanceof HttpException) {
    const code = CODE_BY_STATUS.get(error.getStatus());
    if (code !== undefined) return new ApiProblem(code, httpExceptionDetail(error));
  }
  const clientStatus = requestStreamStatus(error);
  if (clientStatus !== null)
    return new ApiProblem(CODE_BY_STATUS.get(clientStatus) ?? 'malformed_request', 'The request could not be read');
  return new ApiProblem('internal_error', INTERNAL_ERROR);
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
