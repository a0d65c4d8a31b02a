import { insufficientScope } from '@pat/nest-guard/core';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/api-problem.exception';

export const REQUIRED_SCOPES_HEADER = 'x-required-scopes';

/**
 * The scopes a gateway asks the token to carry: `X-Required-Scopes: a b` and `?scope=a&scope=b`
 * (each value may itself list several, space-separated, as OAuth writes scopes).
 */
export function requiredScopes(request: FastifyRequest): string[] {
  const query = (request.query as Record<string, unknown> | undefined)?.['scope'];
  const values: unknown[] = [
    request.headers[REQUIRED_SCOPES_HEADER],
    ...(Array.isArray(query) ? (query as unknown[]) : [query]),
  ];
  const names = values.flatMap((value) => (typeof value === 'string' ? value.split(/[\s,]+/) : []));
  return [...new Set(names.filter((name) => name !== ''))];
}

/** Refuses with 403 `insufficient_scope` when the token lacks a required scope (RFC 6750, section 3.1). */
export function checkScopes(granted: readonly string[], required: readonly string[]): void {
  const lacking = insufficientScope(granted, required);
  if (lacking === null) return;
  throw new ApiProblem('insufficient_scope', lacking.detail, undefined, undefined, 403, {
    'www-authenticate': lacking.wwwAuthenticate,
  });
}
