import { assertNever } from '../shared/assert-never';
import { hasPassed } from './token.decider';
import type { TokenEvent } from './token.events';
import { LIFETIME_POLICY_REASON } from './token-lifetime-policy';

export type TokenStatus = 'active' | 'suspended' | 'revoked' | 'expired' | 'rotated';
export const TOKEN_STATUSES: readonly TokenStatus[] = ['active', 'suspended', 'revoked', 'expired', 'rotated'];

/** One token as the read side sees it. `status` is what has been recorded. */
export interface TokenView {
  id: string;
  userId: string;
  ownerEmail: string | null;
  name: string;
  tokenHint: string;
  tokenDigest: string;
  createdAt: Date;
  expiresAt: Date | null;
  /** Granted scopes, includes expanded; `['*']` for a token from before scopes. */
  scopes: readonly string[];
  /** Requests a second the token may make, or null for no limit of its own. */
  maxRequestsPerSecond: number | null;
  status: TokenStatus;
  revokedAt: Date | null;
  revokedBy: string | null;
  /** When the current suspension began, and who began it; null while not suspended. */
  suspendedAt: Date | null;
  suspendedBy: string | null;
  expiredAt: Date | null;
  /** Ended before its `expiresAt` because it lives longer than the lifetime policy allows. */
  expiredByPolicy: boolean;
  /** Once rotated: the token that replaced it, and until when this one is still accepted. */
  successorId: string | null;
  rotatedAt: Date | null;
  graceUntil: Date | null;
  /** The rotated token this one replaced, or null. */
  predecessorId: string | null;
  /** Revision of the last event of the token's stream applied to this view. */
  revision: number;
}

/** Active or suspended: neither revoked nor recorded as expired. */
export const isLiveStatus = (status: TokenStatus): boolean => status === 'active' || status === 'suspended';

/** A token whose `expiresAt` has passed is expired everywhere, recorded or not. */
export function effectiveStatus(view: TokenView, now: Date): TokenStatus {
  return isLiveStatus(view.status) && hasPassed(view.expiresAt, now) ? 'expired' : view.status;
}

/**
 * The view after the stream's event at `revision`, or `undefined` when the event does not
 * follow the view's revision (a replay, a duplicate, or a gap) and so changes nothing.
 */
export function projectTokenView(view: TokenView | null, event: TokenEvent, revision: number): TokenView | undefined {
  if (event.type === 'TokenGenerated') {
    if (view !== null || revision !== 0) return undefined;
    const data = event.data;
    return {
      id: data.tokenId,
      userId: data.userId,
      ownerEmail: data.ownerEmail,
      name: data.name,
      tokenHint: data.tokenHint,
      tokenDigest: data.tokenDigest,
      createdAt: new Date(data.generatedAt),
      expiresAt: data.expiresAt === null ? null : new Date(data.expiresAt),
      scopes: data.scopes,
      maxRequestsPerSecond: data.maxRequestsPerSecond,
      status: 'active',
      revokedAt: null,
      revokedBy: null,
      suspendedAt: null,
      suspendedBy: null,
      expiredAt: null,
      expiredByPolicy: false,
      successorId: null,
      rotatedAt: null,
      graceUntil: null,
      predecessorId: data.predecessorId ?? null,
      revision,
    };
  }
  if (view === null || view.revision !== revision - 1) return undefined;
  switch (event.type) {
    case 'TokenRevoked':
      return isLiveStatus(view.status) || view.status === 'rotated'
        ? {
            ...view,
            status: 'revoked',
            revokedAt: new Date(event.data.revokedAt),
            revokedBy: event.data.revokedBy,
            revision,
          }
        : { ...view, revision };
    case 'TokenExpired':
      return isLiveStatus(view.status)
        ? {
            ...view,
            status: 'expired',
            expiredAt: new Date(event.data.expiredAt),
            expiredByPolicy: event.data.reason === LIFETIME_POLICY_REASON,
            revision,
          }
        : { ...view, revision };
    case 'TokenRenamed':
      return { ...view, name: event.data.name, revision };
    case 'TokenRateLimitChanged':
      return { ...view, maxRequestsPerSecond: event.data.maxRequestsPerSecond, revision };
    case 'TokenSuspended':
      return view.status === 'active'
        ? {
            ...view,
            status: 'suspended',
            suspendedAt: new Date(event.data.suspendedAt),
            suspendedBy: event.data.suspendedBy,
            revision,
          }
        : { ...view, revision };
    case 'TokenReactivated':
      return view.status === 'suspended'
        ? { ...view, status: 'active', suspendedAt: null, suspendedBy: null, revision }
        : { ...view, revision };
    case 'TokenRotated':
      return isLiveStatus(view.status)
        ? {
            ...view,
            status: 'rotated',
            successorId: event.data.successorId,
            rotatedAt: new Date(event.data.rotatedAt),
            graceUntil: new Date(event.data.graceUntil),
            suspendedAt: null,
            suspendedBy: null,
            revision,
          }
        : { ...view, revision };
    case 'TokenLeakReported':
    case 'ExpiryNoticeSent':
    case 'ExpiryNoticeFailed':
    case 'RevocationNoticeSent':
    case 'RevocationNoticeFailed':
      return { ...view, revision };
    default:
      return assertNever(event);
  }
}
