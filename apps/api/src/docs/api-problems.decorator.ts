import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsSchema } from './problem-details.schema';

const CODES: Record<number, string[]> = {
  400: ['validation_failed', 'invalid_json'],
  401: ['auth_required', 'auth_invalid'],
  403: ['forbidden'],
  404: ['token_not_found'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['too_many_requests'],
  503: ['store_unavailable'],
};

const TOKEN_HOLDER_401 = ['token_missing', 'token_malformed', 'token_invalid', 'token_revoked', 'token_expired'];

/** Documents the problem+json answers of an endpoint, with their codes. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: `Problem details; code: ${(CODES[status] ?? []).join(', ')}`,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
      }),
    ),
  );
}

/** The 401 of the token-holder endpoints, with every refusal code. */
export function ApiTokenRefusals(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiResponse({
      status: 401,
      description: `Token refused; code: ${TOKEN_HOLDER_401.join(', ')}`,
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
    }),
    ApiProblems(429, 503),
  );
}
