import type { LIFETIME_POLICY_REASON } from './token-lifetime-policy';

export const TOKEN_EVENT_SCHEMA_VERSION = 1;
/**
 * Version 2 added `scopes`, version 3 `maxRequestsPerSecond`; older events are read as carrying
 * every scope and no rate limit (see token-event-codec.ts).
 */
export const TOKEN_GENERATED_SCHEMA_VERSION = 3;

/** Times are ISO-8601 strings in UTC, as they are stored. */
export interface TokenGenerated {
  type: 'TokenGenerated';
  data: {
    schemaVersion: typeof TOKEN_GENERATED_SCHEMA_VERSION;
    tokenId: string;
    userId: string;
    ownerEmail: string | null;
    name: string;
    tokenDigest: string;
    tokenHint: string;
    generatedAt: string;
    expiresAt: string | null;
    /** Names of the scopes granted, includes expanded; `['*']` for a token from before scopes. */
    scopes: string[];
    /** Requests a second the token may make, or null for no limit of its own. */
    maxRequestsPerSecond: number | null;
    /** Set when this token is the successor of a rotated one (absent otherwise). */
    predecessorId?: string;
  };
}

export interface TokenRevoked {
  type: 'TokenRevoked';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    revokedAt: string;
    revokedBy: string;
    reason: string | null;
  };
}

export interface TokenExpired {
  type: 'TokenExpired';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    expiredAt: string;
    /**
     * `lifetime_policy` when the token ended before its `expiresAt` because it lives longer than
     * `TOKEN_MAX_LIFETIME_DAYS` (or `TOKEN_ALLOW_NO_EXPIRY`) now allows, with that maximum; absent
     * for a token that reached its `expiresAt` (and from events recorded before policies).
     */
    reason?: typeof LIFETIME_POLICY_REASON;
    maxLifetimeDays?: number;
  };
}

/** The owner (or an admin) gave an active token another name. */
export interface TokenRenamed {
  type: 'TokenRenamed';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    name: string;
    previousName: string;
    renamedBy: string;
    renamedAt: string;
  };
}

/** The owner (or an admin) changed how many requests a second the token may make (null: no limit). */
export interface TokenRateLimitChanged {
  type: 'TokenRateLimitChanged';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    maxRequestsPerSecond: number | null;
    previous: number | null;
    changedBy: string;
    changedAt: string;
  };
}

/** The owner (or an admin) stopped an active token from being accepted, until it is reactivated. */
export interface TokenSuspended {
  type: 'TokenSuspended';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    suspendedBy: string;
    suspendedAt: string;
    reason: string | null;
  };
}

/** A suspended token is accepted again (until its expiry, which suspension does not move). */
export interface TokenReactivated {
  type: 'TokenReactivated';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    reactivatedBy: string;
    reactivatedAt: string;
    reason: string | null;
  };
}

/**
 * The token was replaced by `successorId` (same name, scopes and lifetime length, a new secret).
 * It is still accepted until `graceUntil`, then refused as rotated.
 */
export interface TokenRotated {
  type: 'TokenRotated';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    successorId: string;
    graceUntil: string;
    rotatedBy: string;
    rotatedAt: string;
  };
}

/**
 * Someone reported the token's secret as leaked (a secret scanner, without signing in); recorded
 * with the TokenRevoked (`reason: "leaked"`) it causes, and told to the owner.
 */
export interface TokenLeakReported {
  type: 'TokenLeakReported';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    reportedAt: string;
  };
}

export interface ExpiryNoticeSent {
  type: 'ExpiryNoticeSent';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    thresholdDays: number;
    channel: string;
    sentAt: string;
  };
}

/** Why a claimed notice (an ExpiryNoticeSent) was not delivered after all. */
export type ExpiryNoticeFailureReason =
  'delivery_failed' | 'no_recipient' | 'token_revoked' | 'token_expired' | 'token_rotated' | 'superseded';

/**
 * A notice claimed by ExpiryNoticeSent that did not reach its recipient. Not a lifecycle
 * event: it reports on a notice already claimed, so it may follow a revoke or an expiry.
 */
export interface ExpiryNoticeFailed {
  type: 'ExpiryNoticeFailed';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    thresholdDays: number;
    channel: string;
    reason: ExpiryNoticeFailureReason;
    /**
     * The code of each channel whose last attempt failed (`{ webhook: 'webhook_timeout' }`), empty
     * for the other reasons; the codes are those of notice-failure-detail.ts. Absent from
     * events recorded before codes existed.
     */
    errorCodes?: Record<string, string>;
    /** What went wrong in fixed sentences (see notice-failure-detail.ts), or null. Never an error's own text. */
    detail: string | null;
    failedAt: string;
  };
}

/**
 * Why a token was revoked without its owner's asking, which the owner is then told: the
 * `reason` of its TokenRevoked. Only the service records these reasons (a user's revoke has none).
 */
export type RevocationNoticeCause = 'leaked' | 'idle';

export const LEAKED_REASON = 'leaked' satisfies RevocationNoticeCause;
export const IDLE_REASON = 'idle' satisfies RevocationNoticeCause;

/** The cause of the notice a TokenRevoked with this `reason` owes the owner, or null when it owes none. */
export function revocationNoticeCause(reason: string | null): RevocationNoticeCause | null {
  return reason === LEAKED_REASON || reason === IDLE_REASON ? reason : null;
}

/** The notifier claimed the notice telling the owner that the token was revoked for them (one per token). */
export interface RevocationNoticeSent {
  type: 'RevocationNoticeSent';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    cause: RevocationNoticeCause;
    channel: string;
    sentAt: string;
  };
}

/** Why a claimed revocation notice was not delivered: the token's state cannot make it moot. */
export type RevocationNoticeFailureReason = Extract<ExpiryNoticeFailureReason, 'delivery_failed' | 'no_recipient'>;

/** A notice claimed by RevocationNoticeSent that did not reach the owner. */
export interface RevocationNoticeFailed {
  type: 'RevocationNoticeFailed';
  data: {
    schemaVersion: typeof TOKEN_EVENT_SCHEMA_VERSION;
    tokenId: string;
    cause: RevocationNoticeCause;
    channel: string;
    reason: RevocationNoticeFailureReason;
    /** As in ExpiryNoticeFailed. */
    errorCodes: Record<string, string>;
    detail: string | null;
    failedAt: string;
  };
}

export type TokenEvent =
  | TokenGenerated
  | TokenRevoked
  | TokenExpired
  | TokenRenamed
  | TokenRateLimitChanged
  | TokenSuspended
  | TokenReactivated
  | TokenRotated
  | TokenLeakReported
  | ExpiryNoticeSent
  | ExpiryNoticeFailed
  | RevocationNoticeSent
  | RevocationNoticeFailed;
export type TokenEventType = TokenEvent['type'];

export const TOKEN_EVENT_TYPES: readonly TokenEventType[] = [
  'TokenGenerated',
  'TokenRevoked',
  'TokenExpired',
  'TokenRenamed',
  'TokenRateLimitChanged',
  'TokenSuspended',
  'TokenReactivated',
  'TokenRotated',
  'TokenLeakReported',
  'ExpiryNoticeSent',
  'ExpiryNoticeFailed',
  'RevocationNoticeSent',
  'RevocationNoticeFailed',
];

export function isTokenEventType(type: string): type is TokenEventType {
  return (TOKEN_EVENT_TYPES as readonly string[]).includes(type);
}

export const tokenStreamName = (tokenId: string): string => `pat-${tokenId}`;
export const TOKEN_STREAM_PREFIX = 'pat-';
