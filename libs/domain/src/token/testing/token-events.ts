import type {
  ExpiryNoticeFailed,
  ExpiryNoticeSent,
  RevocationNoticeFailed,
  RevocationNoticeSent,
  TokenExpired,
  TokenGenerated,
  TokenLeakReported,
  TokenReactivated,
  TokenRateLimitChanged,
  TokenRenamed,
  TokenSuspended,
  TokenRevoked,
  TokenRotated,
} from '../token.events';

/** Builders of recorded token events for tests; each takes only what a test cares about. */
export const TEST_TOKEN_ID = '0e9c3c1a-5d0a-4c55-9c1e-6f1f7f3b2a10';
export const TEST_OWNER_ID = 'alice';
export const GENERATED_AT = '2026-03-01T12:00:00.000Z';
export const EXPIRES_AT = '2026-03-31T12:00:00.000Z';
export const TEST_SUCCESSOR_ID = '7d1f0b52-3a4e-4c8b-9f2d-1e5a6b7c8d90';

export function tokenGenerated(data: Partial<TokenGenerated['data']> = {}): TokenGenerated {
  return {
    type: 'TokenGenerated',
    data: {
      schemaVersion: 3,
      tokenId: TEST_TOKEN_ID,
      userId: TEST_OWNER_ID,
      ownerEmail: 'alice@example.com',
      name: 'CI deploy',
      tokenDigest: 'd'.repeat(64),
      tokenHint: 'pat_0123…dE1x',
      generatedAt: GENERATED_AT,
      expiresAt: EXPIRES_AT,
      scopes: ['api', 'read_api'],
      maxRequestsPerSecond: null,
      ...data,
    },
  };
}

export function tokenRevoked(data: Partial<TokenRevoked['data']> = {}): TokenRevoked {
  return {
    type: 'TokenRevoked',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      revokedAt: '2026-03-10T08:00:00.000Z',
      revokedBy: TEST_OWNER_ID,
      reason: null,
      ...data,
    },
  };
}

export function tokenExpired(data: Partial<TokenExpired['data']> = {}): TokenExpired {
  return {
    type: 'TokenExpired',
    data: { schemaVersion: 1, tokenId: TEST_TOKEN_ID, expiredAt: '2026-03-31T12:00:05.000Z', ...data },
  };
}

export function tokenRenamed(data: Partial<TokenRenamed['data']> = {}): TokenRenamed {
  return {
    type: 'TokenRenamed',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      name: 'CI deploy (staging)',
      previousName: 'CI deploy',
      renamedBy: TEST_OWNER_ID,
      renamedAt: '2026-03-15T00:00:00.000Z',
      ...data,
    },
  };
}

export function tokenSuspended(data: Partial<TokenSuspended['data']> = {}): TokenSuspended {
  return {
    type: 'TokenSuspended',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      suspendedBy: TEST_OWNER_ID,
      suspendedAt: '2026-03-15T00:00:00.000Z',
      reason: null,
      ...data,
    },
  };
}

export function tokenReactivated(data: Partial<TokenReactivated['data']> = {}): TokenReactivated {
  return {
    type: 'TokenReactivated',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      reactivatedBy: TEST_OWNER_ID,
      reactivatedAt: '2026-03-20T00:00:00.000Z',
      reason: null,
      ...data,
    },
  };
}

export function tokenRotated(data: Partial<TokenRotated['data']> = {}): TokenRotated {
  return {
    type: 'TokenRotated',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      successorId: TEST_SUCCESSOR_ID,
      graceUntil: '2026-03-15T01:00:00.000Z',
      rotatedBy: TEST_OWNER_ID,
      rotatedAt: '2026-03-15T00:00:00.000Z',
      ...data,
    },
  };
}

export function tokenLeakReported(data: Partial<TokenLeakReported['data']> = {}): TokenLeakReported {
  return {
    type: 'TokenLeakReported',
    data: { schemaVersion: 1, tokenId: TEST_TOKEN_ID, reportedAt: '2026-03-15T00:00:00.000Z', ...data },
  };
}

export function expiryNoticeSent(data: Partial<ExpiryNoticeSent['data']> = {}): ExpiryNoticeSent {
  return {
    type: 'ExpiryNoticeSent',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      thresholdDays: 7,
      channel: 'email',
      sentAt: '2026-03-24T12:00:00.000Z',
      ...data,
    },
  };
}

export function expiryNoticeFailed(data: Partial<ExpiryNoticeFailed['data']> = {}): ExpiryNoticeFailed {
  return {
    type: 'ExpiryNoticeFailed',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      thresholdDays: 7,
      channel: 'email',
      reason: 'delivery_failed',
      errorCodes: { email: 'smtp_unreachable' },
      detail: 'email: the mail server could not be reached (smtp_unreachable)',
      failedAt: '2026-03-24T12:05:00.000Z',
      ...data,
    },
  };
}

export function revocationNoticeSent(data: Partial<RevocationNoticeSent['data']> = {}): RevocationNoticeSent {
  return {
    type: 'RevocationNoticeSent',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      cause: 'leaked',
      channel: 'email',
      sentAt: '2026-03-15T00:00:01.000Z',
      ...data,
    },
  };
}

export function revocationNoticeFailed(data: Partial<RevocationNoticeFailed['data']> = {}): RevocationNoticeFailed {
  return {
    type: 'RevocationNoticeFailed',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      cause: 'leaked',
      channel: 'email',
      reason: 'delivery_failed',
      errorCodes: { email: 'smtp_unreachable' },
      detail: 'email: the mail server could not be reached (smtp_unreachable)',
      failedAt: '2026-03-15T00:05:00.000Z',
      ...data,
    },
  };
}

export function tokenRateLimitChanged(data: Partial<TokenRateLimitChanged['data']> = {}): TokenRateLimitChanged {
  return {
    type: 'TokenRateLimitChanged',
    data: {
      schemaVersion: 1,
      tokenId: TEST_TOKEN_ID,
      maxRequestsPerSecond: 10,
      previous: null,
      changedBy: TEST_OWNER_ID,
      changedAt: '2026-03-15T00:00:00.000Z',
      ...data,
    },
  };
}
