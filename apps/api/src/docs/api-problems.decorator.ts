import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { THROTTLED_STATUS, type ApiTokenRouteKind } from '../auth/api-token-route.config';
import { THROTTLED_CODE } from '../http/api-problem.exception';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import { JSON_BODY_400_CODES, PROBLEM_CODES, TOKEN_REFUSAL_CODES } from './problem-codes';
import { ProblemDetailsSchema } from './problem-details.schema';

/** Statuses the problem filter sends with a Retry-After header (and any status of the throttle's code). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** One problem+json answer: the schema's `code` is narrowed to the codes it can carry. */
export function ApiProblemResponse(status: number, codes: readonly string[]): MethodDecorator & ClassDecorator {
  if (codes.length === 0) throw new Error(`No problem code documented for status ${status}`);
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
    ...(RETRY_AFTER_STATUSES.has(status) || codes.includes(THROTTLED_CODE)
      ? { headers: { 'Retry-After': { description: retryAfterDescription(status), schema: { type: 'integer' } } } }
      : {}),
  });
}

function retryAfterDescription(status: number): string {
  return RETRY_AFTER_STATUSES.has(status) ? 'Seconds to wait' : `Seconds to wait; sent with ${THROTTLED_CODE} only`;
}

/** Documents the problem+json answers of an endpoint, each with the codes of its status. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblemResponse(status, PROBLEM_CODES[status] ?? [])));
}

/** The answers to a JSON body that is broken, too large or not JSON. */
export function ApiJsonBodyProblems(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiProblemResponse(400, JSON_BODY_400_CODES), ApiProblems(413, 415));
}

/** The refusals of a token-holder route: every 401 code, the refusal throttle (at its status for the kind), the stores. */
export function ApiTokenRefusals(kind: ApiTokenRouteKind): MethodDecorator & ClassDecorator {
  const throttled = THROTTLED_STATUS[kind];
  if (throttled === 401) {
    return applyDecorators(ApiProblemResponse(401, [...TOKEN_REFUSAL_CODES, THROTTLED_CODE]), ApiProblems(503));
  }
  return applyDecorators(
    ApiProblemResponse(401, TOKEN_REFUSAL_CODES),
    ApiProblemResponse(throttled, [THROTTLED_CODE]),
    ApiProblems(503),
  );
}
