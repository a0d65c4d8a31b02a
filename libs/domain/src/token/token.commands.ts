import type { NoticeChannelErrorCodes } from '../notice/notice-failure-detail';
import type { ExpiryNoticeFailureReason, RevocationNoticeFailureReason } from './token.events';
import type { ExpiryPolicy, ExpiryRequest } from './token-expiry';
import type { ScopeDefinition } from './token-scopes';

/** Who acts: a user on their own tokens, an admin on anyone's, or the system itself. */
export type Actor = { kind: 'user'; userId: string; isAdmin: boolean } | { kind: 'system'; name: string };

export const actorId = (actor: Actor): string => (actor.kind === 'user' ? actor.userId : `system:${actor.name}`);

/** How many active tokens the user has (as the read model counts them) and how many one user may have. */
export interface ActiveTokenQuota {
  active: number;
  limit: number;
}

export interface GenerateToken {
  type: 'GenerateToken';
  tokenId: string;
  userId: string;
  ownerEmail: string | null;
  name: unknown;
  expiry: ExpiryRequest;
  policy: ExpiryPolicy;
  /** As requested: absent means every declared scope. */
  scopes: unknown;
  declaredScopes: readonly ScopeDefinition[];
  /** As requested: absent or null means no limit. */
  maxRequestsPerSecond: unknown;
  quota: ActiveTokenQuota;
  tokenDigest: string;
  tokenHint: string;
  now: Date;
}

export interface RevokeToken {
  type: 'RevokeToken';
  tokenId: string;
  actor: Actor;
  reason: string | null;
  now: Date;
}

/** Who revokes a reported token (`revokedBy: "system:leak-report"`); the reason recorded is LEAKED_REASON. */
export const LEAK_REPORT_ACTOR: Actor = { kind: 'system', name: 'leak-report' };
/** Who revokes a token left unused (`revokedBy: "system:idle-revocation"`), with IDLE_REASON. */
export const IDLE_REVOCATION_ACTOR: Actor = { kind: 'system', name: 'idle-revocation' };

/** A leak report names this token's secret: revoke it, if it still works, and say why. */
export interface ReportTokenLeak {
  type: 'ReportTokenLeak';
  tokenId: string;
  now: Date;
}

/** The idle sweep found the token unused for `idleDays`: revoke it, if it still is. */
export interface RevokeIdleToken {
  type: 'RevokeIdleToken';
  tokenId: string;
  /** When the token was last accepted, as far as the API knows; null if never. */
  lastUsedAt: Date | null;
  idleDays: number;
  now: Date;
}

export interface RenameToken {
  type: 'RenameToken';
  tokenId: string;
  actor: Actor;
  name: unknown;
  now: Date;
}

/** Give a live token another rate limit (null: none). */
export interface ChangeTokenRateLimit {
  type: 'ChangeTokenRateLimit';
  tokenId: string;
  actor: Actor;
  maxRequestsPerSecond: unknown;
  now: Date;
}

/** A PATCH of a token: a new name, a new rate limit, or both, in one append (absent fields stay). */
export interface EditToken {
  type: 'EditToken';
  tokenId: string;
  actor: Actor;
  name?: unknown;
  maxRequestsPerSecond?: unknown;
  now: Date;
}

interface SuspensionChange {
  tokenId: string;
  actor: Actor;
  reason: string | null;
  now: Date;
}

export interface SuspendToken extends SuspensionChange {
  type: 'SuspendToken';
}

export interface ReactivateToken extends SuspensionChange {
  type: 'ReactivateToken';
}

/** Replace the token by `successorId`, keeping the old secret accepted for `overlapSeconds`. */
export interface RotateToken {
  type: 'RotateToken';
  tokenId: string;
  actor: Actor;
  successorId: string;
  overlapSeconds: number;
  /** The longest overlap this deployment allows. */
  maxOverlapSeconds: number;
  now: Date;
}

/** What a successor takes over from the token it replaces. */
export interface Predecessor {
  tokenId: string;
  userId: string;
  ownerEmail: string | null;
  name: string;
  scopes: readonly string[];
  maxRequestsPerSecond: number | null;
  /** From generation to expiry, or null for a token that never expires. */
  lifetimeMs: number | null;
}

/** Generate the successor of a token being rotated: its attributes, a new secret. */
export interface GenerateSuccessor {
  type: 'GenerateSuccessor';
  tokenId: string;
  predecessor: Predecessor;
  policy: ExpiryPolicy;
  tokenDigest: string;
  tokenHint: string;
  now: Date;
}

export interface ExpireToken {
  type: 'ExpireToken';
  tokenId: string;
  now: Date;
}

/** The lifetime policy was lowered below this token's lifetime: end it now. */
export interface ExpireTokenByPolicy {
  type: 'ExpireTokenByPolicy';
  tokenId: string;
  policy: ExpiryPolicy;
  now: Date;
}

export interface RecordExpiryNotice {
  type: 'RecordExpiryNotice';
  tokenId: string;
  thresholdDays: number;
  channel: string;
  now: Date;
}

export interface RecordExpiryNoticeFailure {
  type: 'RecordExpiryNoticeFailure';
  tokenId: string;
  thresholdDays: number;
  channel: string;
  reason: ExpiryNoticeFailureReason;
  /** Per channel that failed its last attempt, why (delivery_failed). */
  errorCodes: NoticeChannelErrorCodes;
  /** The channels that had accepted the notice before it was given up. */
  deliveredBy: readonly string[];
  now: Date;
}

/** The notifier claims the notice owed to the owner of a token revoked for them (a reported leak). */
export interface RecordRevocationNotice {
  type: 'RecordRevocationNotice';
  tokenId: string;
  channel: string;
  now: Date;
}

export interface RecordRevocationNoticeFailure {
  type: 'RecordRevocationNoticeFailure';
  tokenId: string;
  channel: string;
  reason: RevocationNoticeFailureReason;
  errorCodes: NoticeChannelErrorCodes;
  deliveredBy: readonly string[];
  now: Date;
}

export type TokenCommand =
  | GenerateToken
  | RevokeToken
  | ReportTokenLeak
  | RevokeIdleToken
  | RenameToken
  | ChangeTokenRateLimit
  | EditToken
  | SuspendToken
  | ReactivateToken
  | RotateToken
  | GenerateSuccessor
  | ExpireToken
  | ExpireTokenByPolicy
  | RecordExpiryNotice
  | RecordExpiryNoticeFailure
  | RecordRevocationNotice
  | RecordRevocationNoticeFailure;
