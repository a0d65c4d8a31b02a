import { DomainValidationError } from '../shared/domain-error';

/** The highest `maxRequestsPerSecond` a token may be given. */
export const MAX_REQUESTS_PER_SECOND = 100_000;

/**
 * A requested `maxRequestsPerSecond`: absent or null means no limit of its own; otherwise a whole
 * number of requests a second from 1 to MAX_REQUESTS_PER_SECOND.
 */
export function resolveRateLimit(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_REQUESTS_PER_SECOND) {
    throw new DomainValidationError(
      'maxRequestsPerSecond',
      `maxRequestsPerSecond must be a whole number from 1 to ${MAX_REQUESTS_PER_SECOND}, or null for no limit`,
    );
  }
  return value;
}
