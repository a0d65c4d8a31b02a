import { DomainValidationError } from '../shared/domain-error';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_LIFETIME_DAYS = 30;
export const MIN_LEAD_SECONDS = 60;

export interface ExpiryPolicy {
  maxLifetimeDays: number;
  allowNoExpiry: boolean;
}

/** What a caller asked for; `undefined` means the field was absent, `null` means "never". */
export interface ExpiryRequest {
  expiresInDays?: unknown;
  expiresAt?: unknown;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** The expiry a request resolves to at `now`, or `null` for a token that never expires. */
export function resolveExpiry(request: ExpiryRequest, now: Date, policy: ExpiryPolicy): Date | null {
  const { expiresInDays, expiresAt } = request;
  if (expiresInDays !== undefined && expiresAt !== undefined) {
    throw new DomainValidationError('expiresAt', 'give either expiresInDays or expiresAt, not both');
  }
  if (expiresInDays !== undefined) return fromDays(expiresInDays, now, policy);
  if (expiresAt === null) {
    if (!policy.allowNoExpiry) {
      throw new DomainValidationError('expiresAt', 'tokens without expiry are not allowed here');
    }
    return null;
  }
  if (expiresAt !== undefined) return fromInstant(expiresAt, now, policy);
  return fromDays(Math.min(DEFAULT_LIFETIME_DAYS, policy.maxLifetimeDays), now, policy);
}

function fromDays(days: unknown, now: Date, policy: ExpiryPolicy): Date {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
    throw new DomainValidationError('expiresInDays', 'expiresInDays must be a whole number of days, at least 1');
  }
  if (days > policy.maxLifetimeDays) {
    throw new DomainValidationError('expiresInDays', `expiresInDays must be at most ${policy.maxLifetimeDays}`);
  }
  const wholeSecond = Math.floor(now.getTime() / 1000) * 1000;
  return new Date(wholeSecond + days * DAY_MS);
}

function fromInstant(value: unknown, now: Date, policy: ExpiryPolicy): Date {
  const at = typeof value === 'string' ? parseIsoInstant(value) : null;
  if (at === null) {
    throw new DomainValidationError(
      'expiresAt',
      'expiresAt must be an ISO-8601 date-time with a time zone, e.g. 2030-01-31T12:00:00Z',
    );
  }
  if (at.getTime() - now.getTime() < MIN_LEAD_SECONDS * 1000) {
    throw new DomainValidationError(
      'expiresAt',
      `expiresAt must be at least ${MIN_LEAD_SECONDS} seconds in the future`,
    );
  }
  if (at.getTime() - now.getTime() > policy.maxLifetimeDays * DAY_MS) {
    throw new DomainValidationError(
      'expiresAt',
      `expiresAt must be at most ${policy.maxLifetimeDays} days in the future`,
    );
  }
  return at;
}

/** Parses a full ISO-8601 date-time with zone, or a date alone (midnight UTC); null when invalid. */
export function parseIsoInstant(value: string): Date | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const at = new Date(match[4] === undefined ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at.getTime())) return null;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const sameDay =
    calendar.getUTCFullYear() === Number(year) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day);
  const validClock = hour === undefined || (Number(hour) < 24 && Number(minute) < 60 && Number(second ?? 0) < 60);
  return sameDay && validClock ? at : null;
}

/**
 * A rotated token's successor lives as long as its predecessor was meant to, from `now`, within
 * today's policy: a longer lifetime (or none, where no-expiry is no longer allowed) is cut to the maximum.
 */
export function successorExpiry(lifetimeMs: number | null, now: Date, policy: ExpiryPolicy): Date | null {
  const maxLifetimeMs = policy.maxLifetimeDays * DAY_MS;
  if (lifetimeMs === null && policy.allowNoExpiry) return null;
  const wholeSecond = Math.floor(now.getTime() / 1000) * 1000;
  return new Date(wholeSecond + Math.min(lifetimeMs ?? maxLifetimeMs, maxLifetimeMs));
}
