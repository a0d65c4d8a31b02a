import { DomainValidationError } from '../shared/domain-error';
import { DEFAULT_SCOPES } from './token-scopes';
import { given } from './testing/given';
import {
  EXPIRES_AT,
  expiryNoticeFailed,
  expiryNoticeSent,
  GENERATED_AT,
  TEST_OWNER_ID,
  TEST_TOKEN_ID,
  tokenExpired,
  tokenGenerated,
  tokenReactivated,
  tokenRenamed,
  tokenRevoked,
  tokenSuspended,
} from './testing/token-events';
import type {
  Actor,
  ExpireToken,
  GenerateToken,
  RecordExpiryNotice,
  RecordExpiryNoticeFailure,
  ReactivateToken,
  RenameToken,
  RevokeToken,
  SuspendToken,
} from './token.commands';
import { decide, evolve, foldTokenEvents, hasPassed, initialTokenState, type TokenState } from './token.decider';
import {
  TokenAlreadyExistsError,
  TokenLimitReachedError,
  TokenNotActiveError,
  TokenNotFoundError,
  TokenNotYetExpiredError,
} from './token.errors';
import type { TokenEvent } from './token.events';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date(GENERATED_AT);
const EXPIRY = new Date(EXPIRES_AT);
const BEFORE_EXPIRY = new Date(EXPIRY.getTime() - 1);
const AFTER_EXPIRY = new Date(EXPIRY.getTime() + 1);
const MID_LIFE = new Date('2026-03-15T00:00:00.000Z');

const owner: Actor = { kind: 'user', userId: TEST_OWNER_ID, isAdmin: false };
const stranger: Actor = { kind: 'user', userId: 'mallory', isAdmin: false };
const admin: Actor = { kind: 'user', userId: 'root', isAdmin: true };

const generate = (overrides: Partial<GenerateToken> = {}): GenerateToken => ({
  type: 'GenerateToken',
  tokenId: TEST_TOKEN_ID,
  userId: TEST_OWNER_ID,
  ownerEmail: 'alice@example.com',
  name: '  CI deploy \t',
  expiry: {},
  policy: { maxLifetimeDays: 365, allowNoExpiry: false },
  quota: { active: 0, limit: 100 },
  scopes: undefined,
  declaredScopes: DEFAULT_SCOPES,
  maxRequestsPerSecond: undefined,
  tokenDigest: 'd'.repeat(64),
  tokenHint: 'pat_0123…dE1x',
  now: NOW,
  ...overrides,
});

const revoke = (actor: Actor, now = MID_LIFE, reason: string | null = null): RevokeToken => ({
  type: 'RevokeToken',
  tokenId: TEST_TOKEN_ID,
  actor,
  reason,
  now,
});

const rename = (actor: Actor, name: unknown, now = MID_LIFE): RenameToken => ({
  type: 'RenameToken',
  tokenId: TEST_TOKEN_ID,
  actor,
  name,
  now,
});

const suspend = (actor: Actor, now = MID_LIFE, reason: string | null = null): SuspendToken => ({
  type: 'SuspendToken',
  tokenId: TEST_TOKEN_ID,
  actor,
  reason,
  now,
});

const REACTIVATED_AT = new Date('2026-03-20T00:00:00.000Z');

const reactivate = (actor: Actor, now = REACTIVATED_AT, reason: string | null = null): ReactivateToken => ({
  type: 'ReactivateToken',
  tokenId: TEST_TOKEN_ID,
  actor,
  reason,
  now,
});

const expire = (now: Date): ExpireToken => ({ type: 'ExpireToken', tokenId: TEST_TOKEN_ID, now });

const recordNotice = (thresholdDays: number, now = MID_LIFE): RecordExpiryNotice => ({
  type: 'RecordExpiryNotice',
  tokenId: TEST_TOKEN_ID,
  thresholdDays,
  channel: 'email',
  now,
});

const recordFailure = (thresholdDays: number, now = MID_LIFE): RecordExpiryNoticeFailure => ({
  type: 'RecordExpiryNoticeFailure',
  tokenId: TEST_TOKEN_ID,
  thresholdDays,
  channel: 'email',
  reason: 'delivery_failed',
  errorCodes: { email: 'smtp_unreachable' },
  deliveredBy: [],
  now,
});

const generated = tokenGenerated();
const revokedByOwner = tokenRevoked({ revokedAt: MID_LIFE.toISOString() });
const expired = tokenExpired({ expiredAt: EXPIRES_AT });

describe('token decider', () => {
  describe('GenerateToken', () => {
    it('records TokenGenerated on an absent stream, with the trimmed name and the default expiry', () => {
      given([])
        .when(generate())
        .then([
          {
            type: 'TokenGenerated',
            data: {
              schemaVersion: 3,
              tokenId: TEST_TOKEN_ID,
              userId: TEST_OWNER_ID,
              ownerEmail: 'alice@example.com',
              name: 'CI deploy',
              tokenDigest: 'd'.repeat(64),
              tokenHint: 'pat_0123…dE1x',
              generatedAt: '2026-03-01T12:00:00.000Z',
              expiresAt: '2026-03-31T12:00:00.000Z',
              scopes: ['api', 'read_api'],
              maxRequestsPerSecond: null,
            },
          },
        ]);
    });

    it('writes times as ISO-8601 UTC strings with milliseconds', () => {
      const [event] = decide(generate({ expiry: { expiresInDays: 7 } }), initialTokenState);
      expect(event.type).toBe('TokenGenerated');
      if (event.type !== 'TokenGenerated') return;
      const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
      expect(event.data.generatedAt).toMatch(isoUtc);
      expect(event.data.expiresAt).toMatch(isoUtc);
      expect(event.data.expiresAt).toBe(new Date(NOW.getTime() + 7 * DAY_MS).toISOString());
    });

    it('records expiresAt null for a never-expiring token when the policy allows it', () => {
      const state = given([])
        .when(generate({ expiry: { expiresAt: null }, policy: { maxLifetimeDays: 365, allowNoExpiry: true } }))
        .then([tokenGenerated({ expiresAt: null })]);
      expect(state).toMatchObject({ status: 'active', expiresAt: null });
    });

    it('keeps an absent owner email as null', () => {
      given([])
        .when(generate({ ownerEmail: null }))
        .then([tokenGenerated({ ownerEmail: null })]);
    });

    it('refuses a bad name with a validation error on field name', () => {
      const error = given([])
        .when(generate({ name: '   ' }))
        .thenThrows(DomainValidationError);
      expect(error).toMatchObject({ code: 'validation_failed', field: 'name' });
    });

    it('refuses a bad expiry with a validation error on its field', () => {
      const error = given([])
        .when(generate({ expiry: { expiresInDays: 366 } }))
        .thenThrows(DomainValidationError);
      expect(error.field).toBe('expiresInDays');
    });

    it('records the scopes asked for, with what they include, in the order declared', () => {
      given([])
        .when(generate({ scopes: ['api'] }))
        .then([tokenGenerated({ scopes: ['api', 'read_api'] })]);
      given([])
        .when(generate({ scopes: ['read_api'] }))
        .then([tokenGenerated({ scopes: ['read_api'] })]);
    });

    it('refuses an unknown scope with a validation error on field scopes naming it', () => {
      const error = given([])
        .when(generate({ scopes: ['read_api', 'write_repository'] }))
        .thenThrows(DomainValidationError);
      expect(error.field).toBe('scopes');
      expect(error.message).toContain('"write_repository"');
    });

    it('refuses expiresAt null when the policy does not allow it', () => {
      const error = given([])
        .when(generate({ expiry: { expiresAt: null } }))
        .thenThrows(DomainValidationError);
      expect(error.field).toBe('expiresAt');
    });

    it.each<[string, TokenEvent[]]>([
      ['active', [generated]],
      ['revoked', [generated, revokedByOwner]],
      ['expired', [generated, expired]],
    ])('refuses a second generate on an existing (%s) stream with token_exists', (_status, history) => {
      const error = given(history).when(generate()).thenThrows(TokenAlreadyExistsError);
      expect(error).toMatchObject({ code: 'token_exists', tokenId: TEST_TOKEN_ID });
    });

    it('records TokenGenerated while the user has fewer active tokens than the limit', () => {
      given([])
        .when(generate({ quota: { active: 99, limit: 100 } }))
        .then([tokenGenerated({ expiresAt: '2026-03-31T12:00:00.000Z' })]);
    });

    it.each([
      [100, 100],
      [101, 100],
      [1, 1],
    ])('refuses with token_limit_reached at %i active tokens of %i allowed, naming the limit', (active, limit) => {
      const error = given([])
        .when(generate({ quota: { active, limit } }))
        .thenThrows(TokenLimitReachedError);
      expect(error).toMatchObject({ code: 'token_limit_reached', limit });
      expect(error.message).toContain(String(limit));
    });

    it('refuses bad input with a validation error even at the limit', () => {
      given([])
        .when(generate({ name: '', quota: { active: 100, limit: 100 } }))
        .thenThrows(DomainValidationError);
    });

    it('reports token_exists before looking at the (invalid) input', () => {
      given([generated])
        .when(generate({ name: '' }))
        .thenThrows('token_exists');
    });
  });

  describe('RevokeToken', () => {
    it('records TokenRevoked by the owner, with revokedBy = the user id', () => {
      given([generated])
        .when(revoke(owner, MID_LIFE, 'leaked in a log'))
        .then([
          {
            type: 'TokenRevoked',
            data: {
              schemaVersion: 1,
              tokenId: TEST_TOKEN_ID,
              revokedAt: MID_LIFE.toISOString(),
              revokedBy: TEST_OWNER_ID,
              reason: 'leaked in a log',
            },
          },
        ]);
    });

    it('leaves the state revoked', () => {
      const state = given([generated]).when(revoke(owner)).then([revokedByOwner]);
      expect(state.status).toBe('revoked');
    });

    it('answers token_not_found to another user, as if the token did not exist', () => {
      const error = given([generated]).when(revoke(stranger)).thenThrows(TokenNotFoundError);
      expect(error).toMatchObject({ code: 'token_not_found', tokenId: TEST_TOKEN_ID });
    });

    it('answers token_not_found to another user even when the token is already revoked or expired', () => {
      given([generated, revokedByOwner]).when(revoke(stranger)).thenThrows('token_not_found');
      given([generated, expired]).when(revoke(stranger, AFTER_EXPIRY)).thenThrows('token_not_found');
    });

    it('answers token_not_found on an absent stream, to the admin too', () => {
      given([]).when(revoke(owner)).thenThrows(TokenNotFoundError);
      given([]).when(revoke(admin)).thenThrows(TokenNotFoundError);
    });

    it("lets an admin revoke anyone's token, recording the admin as revokedBy", () => {
      given([generated])
        .when(revoke(admin))
        .then([tokenRevoked({ revokedAt: MID_LIFE.toISOString(), revokedBy: 'root' })]);
    });

    it('records a system actor as system:<name>', () => {
      given([generated])
        .when(revoke({ kind: 'system', name: 'ops' }))
        .then([tokenRevoked({ revokedAt: MID_LIFE.toISOString(), revokedBy: 'system:ops' })]);
    });

    it('records nothing when the token is already revoked (idempotent)', () => {
      given([generated, revokedByOwner]).when(revoke(owner)).then([]);
      given([generated, revokedByOwner]).when(revoke(admin)).then([]);
    });

    it('records nothing when the token has a recorded TokenExpired', () => {
      given([generated, expired]).when(revoke(owner, AFTER_EXPIRY)).then([]);
    });

    it('records nothing once expiresAt has passed, even before TokenExpired is recorded', () => {
      given([generated]).when(revoke(owner, AFTER_EXPIRY)).then([]);
      given([generated]).when(revoke(owner, EXPIRY)).then([]);
    });

    it('still revokes one millisecond before expiresAt', () => {
      given([generated])
        .when(revoke(owner, BEFORE_EXPIRY))
        .then([tokenRevoked({ revokedAt: BEFORE_EXPIRY.toISOString() })]);
    });

    it('revokes a never-expiring token at any time', () => {
      const far = new Date('2199-01-01T00:00:00.000Z');
      given([tokenGenerated({ expiresAt: null })])
        .when(revoke(owner, far))
        .then([tokenRevoked({ revokedAt: far.toISOString() })]);
    });
  });

  describe('RenameToken', () => {
    it('records TokenRenamed with the normalised name, the previous one and who renamed it', () => {
      given([generated]).when(rename(owner, '  CI deploy (staging) ')).then([tokenRenamed()]);
    });

    it('lets an admin rename anyone’s token, naming the admin', () => {
      given([generated])
        .when(rename(admin, 'CI deploy (staging)'))
        .then([tokenRenamed({ renamedBy: 'root' })]);
    });

    it('records nothing for the name the token already has', () => {
      given([generated]).when(rename(owner, 'CI deploy')).then([]);
    });

    it('renames from the latest name', () => {
      given([generated, tokenRenamed()])
        .when(rename(owner, 'nightly'))
        .then([tokenRenamed({ name: 'nightly', previousName: 'CI deploy (staging)' })]);
    });

    it('answers token_not_found for an absent token and for another user’s', () => {
      given([]).when(rename(owner, 'x')).thenThrows(TokenNotFoundError);
      given([generated]).when(rename(stranger, 'x')).thenThrows(TokenNotFoundError);
    });

    it.each<[string, TokenEvent[], Date]>([
      ['revoked', [generated, revokedByOwner], MID_LIFE],
      ['recorded as expired', [generated, expired], AFTER_EXPIRY],
      ['past its expiry, not yet recorded', [generated], EXPIRY],
    ])('refuses a %s token with token_not_active', (_case, history, now) => {
      const error = given(history)
        .when(rename(owner, 'x', now))
        .thenThrows(TokenNotActiveError);
      expect(error).toMatchObject({ code: 'token_not_active' });
    });

    it('refuses a bad name with a validation error on field name', () => {
      const error = given([generated]).when(rename(owner, '\u202Eevil')).thenThrows(DomainValidationError);
      expect(error.field).toBe('name');
    });
  });

  describe('SuspendToken and ReactivateToken', () => {
    const suspended = tokenSuspended();

    it('records TokenSuspended with who suspended it and why', () => {
      given([generated])
        .when(suspend(owner, MID_LIFE, 'Investigating unexpected calls'))
        .then([tokenSuspended({ reason: 'Investigating unexpected calls' })]);
    });

    it('records TokenReactivated for a suspended token', () => {
      given([generated, suspended]).when(reactivate(owner)).then([tokenReactivated()]);
    });

    it('lets an admin suspend and reactivate anyone’s token, naming the admin', () => {
      given([generated])
        .when(suspend(admin))
        .then([tokenSuspended({ suspendedBy: 'root' })]);
      given([generated, suspended])
        .when(reactivate(admin))
        .then([tokenReactivated({ reactivatedBy: 'root' })]);
    });

    it('records nothing for the state the token is already in', () => {
      given([generated, suspended]).when(suspend(owner)).then([]);
      given([generated]).when(reactivate(owner)).then([]);
      given([generated, suspended, tokenReactivated()]).when(reactivate(owner)).then([]);
    });

    it('suspends again after a reactivation', () => {
      const again = new Date('2026-03-25T00:00:00.000Z');
      given([generated, suspended, tokenReactivated()])
        .when(suspend(owner, again))
        .then([tokenSuspended({ suspendedAt: again.toISOString() })]);
    });

    it('answers token_not_found for an absent token and for another user’s', () => {
      given([]).when(suspend(owner)).thenThrows(TokenNotFoundError);
      given([generated]).when(suspend(stranger)).thenThrows(TokenNotFoundError);
      given([generated, suspended]).when(reactivate(stranger)).thenThrows(TokenNotFoundError);
    });

    it.each<[string, TokenEvent[], Date]>([
      ['revoked', [generated, revokedByOwner], MID_LIFE],
      ['recorded as expired', [generated, expired], AFTER_EXPIRY],
      ['past its expiry, not yet recorded', [generated], EXPIRY],
    ])('refuses to suspend a %s token with token_not_active', (_case, history, now) => {
      given(history).when(suspend(owner, now)).thenThrows(TokenNotActiveError);
    });

    it('refuses to reactivate a suspended token past its expiry, or one revoked while suspended', () => {
      given([generated, suspended]).when(reactivate(owner, EXPIRY)).thenThrows(TokenNotActiveError);
      given([generated, suspended, tokenRevoked({ revokedAt: REACTIVATED_AT.toISOString() })])
        .when(reactivate(owner, REACTIVATED_AT))
        .thenThrows(TokenNotActiveError);
    });

    it('lets a suspended token be revoked, renamed and expired', () => {
      given([generated, suspended])
        .when(revoke(owner, REACTIVATED_AT))
        .then([tokenRevoked({ revokedAt: REACTIVATED_AT.toISOString() })]);
      given([generated, suspended])
        .when(rename(owner, 'CI deploy (staging)', REACTIVATED_AT))
        .then([tokenRenamed({ renamedAt: REACTIVATED_AT.toISOString() })]);
      given([generated, suspended])
        .when(expire(EXPIRY))
        .then([{ type: 'TokenExpired', data: { schemaVersion: 1, tokenId: TEST_TOKEN_ID, expiredAt: EXPIRES_AT } }]);
    });

    it('holds expiry notices while suspended, and records them again once reactivated', () => {
      const due = new Date(EXPIRY.getTime() - 7 * DAY_MS);
      given([generated, suspended]).when(recordNotice(7, due)).then([]);
      given([generated, suspended, tokenReactivated()])
        .when(recordNotice(7, due))
        .then([expiryNoticeSent({ sentAt: due.toISOString() })]);
    });
  });

  describe('ExpireToken', () => {
    it('refuses before expiresAt with token_not_expired', () => {
      const error = given([generated]).when(expire(BEFORE_EXPIRY)).thenThrows(TokenNotYetExpiredError);
      expect(error).toMatchObject({ code: 'token_not_expired', tokenId: TEST_TOKEN_ID });
    });

    it('records TokenExpired at exactly expiresAt, to the millisecond', () => {
      given([generated])
        .when(expire(EXPIRY))
        .then([{ type: 'TokenExpired', data: { schemaVersion: 1, tokenId: TEST_TOKEN_ID, expiredAt: EXPIRES_AT } }]);
    });

    it('records TokenExpired after expiresAt, with the time it was recorded', () => {
      const late = new Date(EXPIRY.getTime() + 12_345);
      const state = given([generated])
        .when(expire(late))
        .then([tokenExpired({ expiredAt: late.toISOString() })]);
      expect(state.status).toBe('expired');
    });

    it('refuses a never-expiring token with token_not_expired', () => {
      given([tokenGenerated({ expiresAt: null })])
        .when(expire(new Date('2199-01-01T00:00:00.000Z')))
        .thenThrows('token_not_expired');
    });

    it('records nothing after a revoke', () => {
      given([generated, revokedByOwner]).when(expire(AFTER_EXPIRY)).then([]);
    });

    it('records nothing when already expired', () => {
      given([generated, expired]).when(expire(AFTER_EXPIRY)).then([]);
    });

    it('answers token_not_found on an absent stream', () => {
      given([]).when(expire(AFTER_EXPIRY)).thenThrows(TokenNotFoundError);
    });
  });

  describe('RecordExpiryNotice', () => {
    it('records ExpiryNoticeSent for a threshold not yet noticed', () => {
      given([generated])
        .when(recordNotice(7))
        .then([
          {
            type: 'ExpiryNoticeSent',
            data: {
              schemaVersion: 1,
              tokenId: TEST_TOKEN_ID,
              thresholdDays: 7,
              channel: 'email',
              sentAt: MID_LIFE.toISOString(),
            },
          },
        ]);
    });

    it('records each threshold once', () => {
      const sevenDays = expiryNoticeSent({ thresholdDays: 7 });
      given([generated, sevenDays]).when(recordNotice(7)).then([]);
      given([generated, sevenDays])
        .when(recordNotice(1, BEFORE_EXPIRY))
        .then([expiryNoticeSent({ thresholdDays: 1, sentAt: BEFORE_EXPIRY.toISOString() })]);
      given([generated, sevenDays, expiryNoticeSent({ thresholdDays: 1 })])
        .when(recordNotice(1, BEFORE_EXPIRY))
        .then([]);
    });

    it('records nothing after a revoke', () => {
      given([generated, revokedByOwner]).when(recordNotice(1)).then([]);
    });

    it('records nothing after a recorded expiry', () => {
      given([generated, expired]).when(recordNotice(1, AFTER_EXPIRY)).then([]);
    });

    it('records nothing from expiresAt on, even before TokenExpired is recorded', () => {
      given([generated]).when(recordNotice(1, EXPIRY)).then([]);
    });

    it('records nothing for a looser threshold once a tighter one was sent', () => {
      given([generated, expiryNoticeSent({ thresholdDays: 1 })])
        .when(recordNotice(7))
        .then([]);
    });

    it('answers token_not_found on an absent stream', () => {
      given([]).when(recordNotice(7)).thenThrows('token_not_found');
    });
  });

  describe('RecordExpiryNoticeFailure', () => {
    const claimed = expiryNoticeSent({ thresholdDays: 7 });

    it('records ExpiryNoticeFailed for a claimed notice', () => {
      given([generated, claimed])
        .when(recordFailure(7))
        .then([
          {
            type: 'ExpiryNoticeFailed',
            data: {
              schemaVersion: 1,
              tokenId: TEST_TOKEN_ID,
              thresholdDays: 7,
              channel: 'email',
              reason: 'delivery_failed',
              errorCodes: { email: 'smtp_unreachable' },
              detail: 'email: the mail server could not be reached (smtp_unreachable)',
              failedAt: MID_LIFE.toISOString(),
            },
          },
        ]);
    });

    it('records each failure once', () => {
      given([generated, claimed, expiryNoticeFailed({ thresholdDays: 7 })])
        .when(recordFailure(7))
        .then([]);
    });

    it('records nothing for a notice that was never claimed', () => {
      given([generated]).when(recordFailure(7)).then([]);
      given([generated, claimed]).when(recordFailure(1)).then([]);
    });

    it('still reports on a claimed notice after a revoke or an expiry', () => {
      given([generated, claimed, revokedByOwner])
        .when(recordFailure(7))
        .then([expiryNoticeFailed({ failedAt: MID_LIFE.toISOString() })]);
      given([generated, claimed, expired])
        .when(recordFailure(7, AFTER_EXPIRY))
        .then([expiryNoticeFailed({ failedAt: AFTER_EXPIRY.toISOString() })]);
    });

    it('writes the detail from the codes and channel names only', () => {
      given([generated, expiryNoticeSent({ thresholdDays: 7, channel: 'email+webhook' })])
        .when({ ...recordFailure(7), channel: 'email+webhook', errorCodes: { webhook: 'webhook_status_500' } })
        .then([
          expiryNoticeFailed({
            channel: 'email+webhook',
            errorCodes: { webhook: 'webhook_status_500' },
            detail: 'webhook: the webhook receiver answered HTTP 500 (webhook_status_500)',
            failedAt: MID_LIFE.toISOString(),
          }),
        ]);
      given([generated, claimed, revokedByOwner])
        .when({ ...recordFailure(7), reason: 'token_revoked', errorCodes: {}, deliveredBy: ['email'] })
        .then([
          expiryNoticeFailed({
            reason: 'token_revoked',
            errorCodes: {},
            detail: 'delivered only by email',
            failedAt: MID_LIFE.toISOString(),
          }),
        ]);
    });

    it('answers token_not_found on an absent stream', () => {
      given([]).when(recordFailure(7)).thenThrows('token_not_found');
    });
  });
});

describe('evolve and foldTokenEvents', () => {
  it('starts absent', () => {
    expect(initialTokenState).toEqual({ status: 'absent' });
    expect(foldTokenEvents([])).toEqual({ status: 'absent' });
  });

  it('turns TokenGenerated into an active token', () => {
    expect(foldTokenEvents([generated])).toEqual({
      status: 'active',
      tokenId: TEST_TOKEN_ID,
      userId: TEST_OWNER_ID,
      ownerEmail: 'alice@example.com',
      name: 'CI deploy',
      scopes: ['api', 'read_api'],
      maxRequestsPerSecond: null,
      generatedAt: NOW,
      expiresAt: EXPIRY,
      graceUntil: null,
      noticesSent: [],
      noticesFailed: [],
      revocationNotice: null,
    });
    expect(foldTokenEvents([tokenGenerated({ expiresAt: null })])).toMatchObject({ expiresAt: null });
  });

  it('moves to revoked and to expired', () => {
    expect(foldTokenEvents([generated, revokedByOwner]).status).toBe('revoked');
    expect(foldTokenEvents([generated, expired]).status).toBe('expired');
  });

  it('collects the thresholds of the notices sent', () => {
    const state = foldTokenEvents([
      generated,
      expiryNoticeSent({ thresholdDays: 7 }),
      expiryNoticeSent({ thresholdDays: 1 }),
    ]);
    expect(state).toMatchObject({ status: 'active', noticesSent: [7, 1] });
  });

  it('collects the thresholds of the notices that failed', () => {
    const state = foldTokenEvents([
      generated,
      expiryNoticeSent({ thresholdDays: 7 }),
      expiryNoticeFailed({ thresholdDays: 7 }),
    ]);
    expect(state).toMatchObject({ status: 'active', noticesSent: [7], noticesFailed: [7] });
  });

  it.each<[string, TokenEvent[]]>([
    ['revoked', [generated, revokedByOwner]],
    ['expired', [generated, expired]],
  ])('ignores lifecycle events after a terminal (%s) state', (status, history) => {
    const terminal = foldTokenEvents(history);
    expect(terminal.status).toBe(status);
    for (const later of [tokenRevoked({ revokedBy: 'root' }), tokenExpired(), tokenGenerated({ userId: 'mallory' })]) {
      expect(evolve(terminal, later)).toBe(terminal);
    }
    expect(evolve(terminal, expiryNoticeSent()).status).toBe(status);
  });

  it('ignores a second TokenGenerated on an active token', () => {
    const active = foldTokenEvents([generated]);
    expect(evolve(active, tokenGenerated({ userId: 'mallory', expiresAt: null }))).toBe(active);
  });

  it('ignores lifecycle events on an absent stream', () => {
    for (const event of [revokedByOwner, expired, expiryNoticeSent()]) {
      expect(evolve(initialTokenState, event)).toBe(initialTokenState);
    }
  });

  it('does not change the state it is given', () => {
    const active = foldTokenEvents([generated]);
    const copy: TokenState = structuredClone(active);
    evolve(active, expiryNoticeSent());
    evolve(active, revokedByOwner);
    expect(active).toEqual(copy);
  });
});

describe('hasPassed', () => {
  it('is false before expiresAt and true from expiresAt on, to the millisecond', () => {
    expect(hasPassed(EXPIRY, BEFORE_EXPIRY)).toBe(false);
    expect(hasPassed(EXPIRY, EXPIRY)).toBe(true);
    expect(hasPassed(EXPIRY, AFTER_EXPIRY)).toBe(true);
  });

  it('never passes for a token without expiry', () => {
    expect(hasPassed(null, new Date(8.64e15))).toBe(false);
    expect(hasPassed(null, NOW)).toBe(false);
  });
});
