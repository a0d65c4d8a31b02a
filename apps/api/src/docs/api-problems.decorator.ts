import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_STATUS, type ProblemCode } from '../http/problem-catalog';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import { JSON_BODY_400_CODES, PROBLEM_CODES, TOKEN_REFUSAL_CODES } from './problem-codes';
import { ProblemDetailsSchema } from './problem-details.schema';

/** Statuses the problem filter sends with a Retry-After header. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** One problem+json answer: the schema's `code` is narrowed to the codes it can carry. */
export function ApiProblemResponse(status: number, codes: readonly ProblemCode[]): MethodDecorator & ClassDecorator {
  if (codes.length === 0) throw new Error(`No problem code documented for status ${status}`);
  const misplaced = codes.filter((code) => PROBLEM_STATUS[code] !== status);
  if (misplaced.length > 0) throw new Error(`Not codes of status ${status}: ${misplaced.join(', ')}`);
  return ApiResponse({
    status,
    description: `${STATUS_CODES[status] ?? 'Problem'}; code: ${codes.join(', ')}`,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ProblemDetailsSchema) },
            { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } },
          ],
        },
      },
    },
    ...(RETRY_AFTER_STATUSES.has(status)
      ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
      : {}),
  });
}

/** Documents the problem+json answers of an endpoint, each with the codes of its status. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblemResponse(status, PROBLEM_CODES[status] ?? [])));
}

/** The answers to a JSON body that is broken, too large or not JSON. */
export function ApiJsonBodyProblems(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiProblemResponse(400, JSON_BODY_400_CODES), ApiProblems(413, 415));
}

/** The refusals of the token-holder endpoints: every 401 code, the refusal throttle, the stores. */
export function ApiTokenRefusals(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiProblemResponse(401, TOKEN_REFUSAL_CODES), ApiProblems(429, 503));
}
