import { DAY_MS } from '../token/token-expiry';

/** One notice of a token's schedule: `thresholdDays` before expiry, due at `dueAt`. */
export interface ScheduledNotice {
  thresholdDays: number;
  dueAt: Date;
}

/**
 * When each threshold's notice falls due: `expiresAt − T days`, for every threshold shorter
 * than the token's whole lifetime, soonest first (the loosest threshold first). A token that
 * never expires gets no notices.
 */
export function noticeDueTimes(
  generatedAt: Date,
  expiresAt: Date | null,
  thresholdsDays: readonly number[],
): ScheduledNotice[] {
  if (expiresAt === null) return [];
  const lifetimeMs = expiresAt.getTime() - generatedAt.getTime();
  return [...new Set(thresholdsDays)]
    .filter((days) => days * DAY_MS < lifetimeMs)
    .sort((a, b) => b - a)
    .map((thresholdDays) => ({ thresholdDays, dueAt: new Date(expiresAt.getTime() - thresholdDays * DAY_MS) }));
}
