import type { TokenItem } from '../api/types';

export type DisplayStatus = 'active' | 'expiring' | 'suspended' | 'rotated' | 'expired' | 'revoked';

/** Matches the first expiry notice, sent 7 days before a token expires. */
const EXPIRING_WITHIN_MS = 7 * 24 * 3600 * 1000;

/** Neither revoked nor expired: it can still be renamed, suspended or reactivated, and revoked. */
export const isLive = (token: TokenItem): boolean => token.status === 'active' || token.status === 'suspended';

/** A rotated token still accepted beside its successor: it can be revoked to end the overlap early. */
export const isInGrace = (token: TokenItem, now: Date): boolean =>
  token.status === 'rotated' && token.graceUntil !== undefined && new Date(token.graceUntil) > now;

export function displayStatus(token: TokenItem, now: Date): DisplayStatus {
  if (token.status !== 'active') return token.status;
  if (token.expiresAt === null) return 'active';
  const remaining = new Date(token.expiresAt).getTime() - now.getTime();
  return remaining <= EXPIRING_WITHIN_MS ? 'expiring' : 'active';
}

export const STATUS_LABELS: Record<DisplayStatus, string> = {
  active: 'Active',
  expiring: 'Expiring',
  suspended: 'Suspended',
  rotated: 'Rotated',
  expired: 'Expired',
  revoked: 'Revoked',
};
