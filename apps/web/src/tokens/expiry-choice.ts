import type { TokenPolicy } from '../api/types';
import type { GenerateTokenRequest } from '../api/tokens-api';
import { formatUtc, utcDateOnly } from '../format/utc-date';

export type ExpiryChoice = `${number}` | 'custom' | 'none';

export interface ExpiryOption {
  value: ExpiryChoice;
  label: string;
}

const PRESET_DAYS = [7, 30, 60, 90];
export const DEFAULT_CHOICE: ExpiryChoice = '30';
const DAY_MS = 24 * 3600 * 1000;

/** The choices the policy allows: presets up to the longest lifetime, a custom date, and no expiry if allowed. */
export function expiryOptions(policy: TokenPolicy): ExpiryOption[] {
  const presets = PRESET_DAYS.filter((days) => days <= policy.maxLifetimeDays).map((days): ExpiryOption => ({
    value: `${days}`,
    label: `${days} days`,
  }));
  const options: ExpiryOption[] = [...presets, { value: 'custom', label: 'Custom…' }];
  if (policy.allowNoExpiry) options.push({ value: 'none', label: 'No expiration' });
  return options;
}

export function initialChoice(policy: TokenPolicy): ExpiryChoice {
  const options = expiryOptions(policy);
  return options.some((option) => option.value === DEFAULT_CHOICE) ? DEFAULT_CHOICE : options[0].value;
}

/** The bounds of the custom date input, as YYYY-MM-DD in UTC. */
export function customDateBounds(policy: TokenPolicy, now: Date): { min: string; max: string } {
  return { min: utcDateOnly(now, 1), max: utcDateOnly(now, policy.maxLifetimeDays) };
}

/** When a token generated now with this choice would expire; null for never, undefined when not yet known. */
export function expiryDate(choice: ExpiryChoice, customDate: string, now: Date): Date | null | undefined {
  if (choice === 'none') return null;
  if (choice === 'custom') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(customDate)) return undefined;
    const date = new Date(`${customDate}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return new Date(now.getTime() + Number(choice) * DAY_MS);
}

export function expiryHint(choice: ExpiryChoice, customDate: string, now: Date): string {
  const date = expiryDate(choice, customDate, now);
  if (date === null) return 'The token will never expire.';
  if (date === undefined) return 'Choose the date the token expires.';
  return `Expires on ${formatUtc(date)}`;
}

export function expiryRequest(
  choice: ExpiryChoice,
  customDate: string,
): Pick<GenerateTokenRequest, 'expiresAt' | 'expiresInDays'> {
  if (choice === 'none') return { expiresAt: null };
  if (choice === 'custom') return { expiresAt: customDate };
  return { expiresInDays: Number(choice) };
}
