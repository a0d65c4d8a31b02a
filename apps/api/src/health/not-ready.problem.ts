import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ApiProblem } from '../http/api-problem.exception';

/** Terminus's failed check as the API's own 503: `store_unavailable`, naming the stores that are down. */
export function notReadyProblem(error: unknown): unknown {
  if (!(error instanceof ServiceUnavailableException)) return error;
  const result = error.getResponse() as Partial<HealthCheckResult>;
  const down = Object.entries(result.error ?? {}).map(([store, details]) => {
    const message: unknown = details?.message;
    return typeof message === 'string' ? `${store} (${message})` : store;
  });
  return new ApiProblem('store_unavailable', `Not ready: ${down.join(', ') || 'a store'} unavailable`);
}
