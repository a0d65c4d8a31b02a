export type TokenStatus = 'active' | 'suspended' | 'rotated' | 'expired' | 'revoked';

export interface TokenItem {
  id: string;
  name: string;
  tokenHint: string;
  createdAt: string;
  expiresAt: string | null;
  scopes: string[];
  /** Up to 5 distinct clients the token was used from, newest first. */
  recentClients?: { address: string; userAgent: string | null; lastUsedAt: string }[];
  /** Requests a second the token may make; absent: no limit of its own. */
  maxRequestsPerSecond?: number;
  status: TokenStatus;
  revokedAt?: string;
  revokedBy?: string;
  suspendedAt?: string;
  expiredAt?: string;
  /** Expired before its expiry date because it lives longer than the lifetime policy now allows. */
  expiredByPolicy?: true;
  rotatedAt?: string;
  /** Until then a rotated token is still accepted beside its successor. */
  graceUntil?: string;
  successorId?: string;
  predecessorId?: string;
  lastUsedAt?: string;
}

export interface AdminTokenItem extends TokenItem {
  userId: string;
}

export interface CreatedToken extends TokenItem {
  token: string;
}

export interface RotatedToken extends CreatedToken {
  predecessorId: string;
  predecessorGraceUntil: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export type AuditEventType =
  | 'TokenGenerated'
  | 'TokenRevoked'
  | 'TokenExpired'
  | 'TokenRenamed'
  | 'TokenSuspended'
  | 'TokenReactivated'
  | 'TokenRotated'
  | 'TokenRateLimitChanged'
  | 'TokenLeakReported'
  | 'ExpiryNoticeSent'
  | 'ExpiryNoticeFailed'
  | 'RevocationNoticeSent'
  | 'RevocationNoticeFailed';

export interface AuditEvent {
  id: string;
  position: string;
  type: AuditEventType;
  occurredAt: string;
  actor: string;
  tokenId: string;
  userId: string | null;
  data: Record<string, unknown>;
}

export interface SessionUser {
  userId: string;
  email: string | null;
  isAdmin: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

/** Carried by tokens generated before scopes existed: every scope. */
export const UNRESTRICTED_SCOPE = '*';

export interface ScopeDefinition {
  name: string;
  description: string;
  includes: string[];
}

export interface TokenPolicy {
  defaultLifetimeDays: number;
  maxLifetimeDays: number;
  allowNoExpiry: boolean;
  maxRotationOverlapSeconds: number;
  scopes: ScopeDefinition[];
}

export interface SessionOptions {
  signIn: { local: boolean; oidc: boolean };
  tokenPolicy: TokenPolicy;
  apiUrl: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}
