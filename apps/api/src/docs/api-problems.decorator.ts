import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { THROTTLED_STATUS, type ApiTokenRouteKind } from '../auth/api-token-route.config';
import { THROTTLED_CODE, TOKEN_RATE_LIMITED } from '../http/api-problem.exception';
import type { ProblemCode } from '../http/problem-catalog';
import { JSON_BODY_400_CODES, PROBLEM_CODES, TOKEN_REFUSAL_CODES } from './problem-codes';
import { problemResponse } from './problem-response';

/** One problem+json answer of an endpoint, with the codes it can carry. */
export function ApiProblemResponse(status: number, codes: readonly ProblemCode[]): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, ...problemResponse(status, codes) });
}

/** Documents the problem+json answers of an endpoint, each with the codes of its status. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblemResponse(status, PROBLEM_CODES[status] ?? [])));
}

/** The answers to a JSON body that is broken, too large or not JSON. */
export function ApiJsonBodyProblems(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiProblemResponse(400, JSON_BODY_400_CODES), ApiProblems(413, 415));
}

/**
 * The refusals of a token-holder route: every 401 code, the refusal throttle and the token's
 * own rate limit (at their status for the kind), the stores.
 */
export function ApiTokenRefusals(kind: ApiTokenRouteKind): MethodDecorator & ClassDecorator {
  const throttled = [THROTTLED_CODE, TOKEN_RATE_LIMITED] as const;
  if (THROTTLED_STATUS[kind] === 401) {
    return applyDecorators(ApiProblemResponse(401, [...TOKEN_REFUSAL_CODES, ...throttled]), ApiProblems(503));
  }
  return applyDecorators(
    ApiProblemResponse(401, TOKEN_REFUSAL_CODES),
    ApiProblemResponse(429, throttled),
    ApiProblems(503),
  );
}
