import { DomainValidationError } from '../shared/domain-error';
import { given } from './testing/given';
import {
  EXPIRES_AT,
  expiryNoticeSent,
  GENERATED_AT,
  TEST_OWNER_ID,
  TEST_SUCCESSOR_ID,
  TEST_TOKEN_ID,
  tokenExpired,
  tokenGenerated,
  tokenRenamed,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
} from './testing/token-events';
import type { Actor, GenerateSuccessor, Predecessor, RecordExpiryNotice, RotateToken } from './token.commands';
import { decide, foldTokenEvents, initialTokenState, predecessorOf } from './token.decider';
import { TokenAlreadyExistsError, TokenNotActiveError, TokenNotFoundError } from './token.errors';
import { DAY_MS } from './token-expiry';

const ROTATED_AT = new Date('2026-03-15T00:00:00.000Z');
const HOUR_MS = 60 * 60 * 1000;
const EXPIRY = new Date(EXPIRES_AT);

const owner: Actor = { kind: 'user', userId: TEST_OWNER_ID, isAdmin: false };
const stranger: Actor = { kind: 'user', userId: 'mallory', isAdmin: false };
const admin: Actor = { kind: 'user', userId: 'root', isAdmin: true };

const rotate = (overrides: Partial<RotateToken> = {}): RotateToken => ({
  type: 'RotateToken',
  tokenId: TEST_TOKEN_ID,
  actor: owner,
  successorId: TEST_SUCCESSOR_ID,
  overlapSeconds: 3600,
  maxOverlapSeconds: 86_400,
  now: ROTATED_AT,
  ...overrides,
});

const predecessor: Predecessor = {
  tokenId: TEST_TOKEN_ID,
  userId: TEST_OWNER_ID,
  ownerEmail: 'alice@example.com',
  name: 'CI deploy',
  scopes: ['api', 'read_api'],
  maxRequestsPerSecond: null,
  lifetimeMs: 30 * DAY_MS,
};

const generateSuccessor = (overrides: Partial<GenerateSuccessor> = {}): GenerateSuccessor => ({
  type: 'GenerateSuccessor',
  tokenId: TEST_SUCCESSOR_ID,
  predecessor,
  policy: { maxLifetimeDays: 365, allowNoExpiry: false },
  tokenDigest: 'e'.repeat(64),
  tokenHint: 'pat_9876…Zz9a',
  now: ROTATED_AT,
  ...overrides,
});

const generated = tokenGenerated();

describe('RotateToken', () => {
  it('records TokenRotated naming the successor, with the overlap as graceUntil', () => {
    const state = given([generated])
      .when(rotate())
      .then([
        tokenRotated({
          successorId: TEST_SUCCESSOR_ID,
          graceUntil: '2026-03-15T01:00:00.000Z',
          rotatedBy: TEST_OWNER_ID,
          rotatedAt: ROTATED_AT.toISOString(),
        }),
      ]);
    expect(state).toMatchObject({ status: 'rotated', graceUntil: new Date(ROTATED_AT.getTime() + HOUR_MS) });
  });

  it('ends the overlap at once by default (0 seconds), and never after the expiry', () => {
    given([generated])
      .when(rotate({ overlapSeconds: 0 }))
      .then([tokenRotated({ graceUntil: ROTATED_AT.toISOString() })]);
    const lastHour = new Date(EXPIRY.getTime() - HOUR_MS / 2);
    given([generated])
      .when(rotate({ now: lastHour }))
      .then([tokenRotated({ graceUntil: EXPIRES_AT, rotatedAt: lastHour.toISOString() })]);
  });

  it('gives a suspended token no overlap: it stays refused', () => {
    given([generated, tokenSuspended()])
      .when(rotate({ overlapSeconds: 3600 }))
      .then([tokenRotated({ graceUntil: ROTATED_AT.toISOString() })]);
  });

  it('lets an admin rotate anyone’s token, naming the admin', () => {
    given([generated])
      .when(rotate({ actor: admin }))
      .then([tokenRotated({ rotatedBy: 'root' })]);
  });

  it.each([-1, 1.5, 86_401, Number.NaN])('refuses overlapSeconds %p, naming the field', (overlapSeconds) => {
    const error = given([generated]).when(rotate({ overlapSeconds })).thenThrows(DomainValidationError);
    expect(error.field).toBe('overlapSeconds');
    expect(error.message).toContain('0 to 86400');
  });

  it('holds the overlap to the deployment’s bound', () => {
    given([generated])
      .when(rotate({ overlapSeconds: 600, maxOverlapSeconds: 600 }))
      .then([tokenRotated({ graceUntil: '2026-03-15T00:10:00.000Z' })]);
    given([generated])
      .when(rotate({ overlapSeconds: 601, maxOverlapSeconds: 600 }))
      .thenThrows(DomainValidationError);
  });

  it.each([
    ['revoked', [generated, tokenRevoked()]],
    ['expired', [generated, tokenExpired()]],
    ['rotated', [generated, tokenRotated()]],
  ] as const)('refuses a %s token with token_not_active', (status, history) => {
    const error = given(history).when(rotate()).thenThrows(TokenNotActiveError);
    expect(error.status).toBe(status);
  });

  it('refuses a token past its expiry, recorded or not', () => {
    const error = given([generated])
      .when(rotate({ now: EXPIRY }))
      .thenThrows(TokenNotActiveError);
    expect(error.status).toBe('expired');
  });

  it('answers token_not_found to another user and on an absent stream', () => {
    given([generated])
      .when(rotate({ actor: stranger }))
      .thenThrows(TokenNotFoundError);
    given([]).when(rotate()).thenThrows(TokenNotFoundError);
  });
});

describe('after TokenRotated', () => {
  const rotated = tokenRotated({ graceUntil: '2026-03-15T01:00:00.000Z' });
  const inGrace = new Date('2026-03-15T00:30:00.000Z');
  const afterGrace = new Date('2026-03-15T01:00:00.000Z');

  it('can still be revoked within the overlap, which ends it', () => {
    const state = given([generated, rotated])
      .when({ type: 'RevokeToken', tokenId: TEST_TOKEN_ID, actor: owner, reason: null, now: inGrace })
      .then([tokenRevoked({ revokedAt: inGrace.toISOString() })]);
    expect(state.status).toBe('revoked');
  });

  it('records nothing for a revoke after the overlap: it is refused already', () => {
    given([generated, rotated])
      .when({ type: 'RevokeToken', tokenId: TEST_TOKEN_ID, actor: owner, reason: null, now: afterGrace })
      .then([]);
  });

  it('refuses rename and suspension with token_not_active', () => {
    given([generated, rotated])
      .when({ type: 'RenameToken', tokenId: TEST_TOKEN_ID, actor: owner, name: 'other', now: inGrace })
      .thenThrows(TokenNotActiveError);
    given([generated, rotated])
      .when({ type: 'SuspendToken', tokenId: TEST_TOKEN_ID, actor: owner, reason: null, now: inGrace })
      .thenThrows(TokenNotActiveError);
  });

  it('records no more expiry notices (its successor gets them) and is not expired by the sweep', () => {
    const notice: RecordExpiryNotice = {
      type: 'RecordExpiryNotice',
      tokenId: TEST_TOKEN_ID,
      thresholdDays: 7,
      channel: 'email',
      now: new Date('2026-03-24T12:00:00.000Z'),
    };
    given([generated, rotated]).when(notice).then([]);
    given([generated, rotated])
      .when({ type: 'ExpireToken', tokenId: TEST_TOKEN_ID, now: new Date(EXPIRY.getTime() + 1) })
      .then([]);
  });
});

describe('GenerateSuccessor', () => {
  it('records TokenGenerated with the predecessor’s name, scopes and lifetime length, and its id', () => {
    const state = given([])
      .when(generateSuccessor())
      .then([
        tokenGenerated({
          tokenId: TEST_SUCCESSOR_ID,
          tokenDigest: 'e'.repeat(64),
          tokenHint: 'pat_9876…Zz9a',
          generatedAt: ROTATED_AT.toISOString(),
          expiresAt: new Date(ROTATED_AT.getTime() + 30 * DAY_MS).toISOString(),
          predecessorId: TEST_TOKEN_ID,
        }),
      ]);
    expect(state.status).toBe('active');
  });

  it('cuts a lifetime longer than today’s maximum to the maximum', () => {
    const [event] = decide(
      generateSuccessor({ policy: { maxLifetimeDays: 7, allowNoExpiry: false } }),
      initialTokenState,
    );
    expect(event.type === 'TokenGenerated' && event.data.expiresAt).toBe(
      new Date(ROTATED_AT.getTime() + 7 * DAY_MS).toISOString(),
    );
  });

  it('keeps "never expires" only where the policy still allows it', () => {
    const never = { ...predecessor, lifetimeMs: null };
    const [allowed] = decide(
      generateSuccessor({ predecessor: never, policy: { maxLifetimeDays: 365, allowNoExpiry: true } }),
      initialTokenState,
    );
    expect(allowed.type === 'TokenGenerated' && allowed.data.expiresAt).toBeNull();
    const [capped] = decide(
      generateSuccessor({ predecessor: never, policy: { maxLifetimeDays: 90, allowNoExpiry: false } }),
      initialTokenState,
    );
    expect(capped.type === 'TokenGenerated' && capped.data.expiresAt).toBe(
      new Date(ROTATED_AT.getTime() + 90 * DAY_MS).toISOString(),
    );
  });

  it('refuses a successor id that is already taken', () => {
    given([generated])
      .when(generateSuccessor({ tokenId: TEST_TOKEN_ID }))
      .thenThrows(TokenAlreadyExistsError);
  });
});

describe('predecessorOf', () => {
  it('takes the current name, the scopes and the lifetime length from the stream', () => {
    const state = foldTokenEvents([
      tokenGenerated({ generatedAt: GENERATED_AT }),
      tokenRenamed({ name: 'CI deploy (prod)' }),
      expiryNoticeSent(),
    ]);
    expect(predecessorOf(state)).toEqual({ ...predecessor, name: 'CI deploy (prod)' });
  });

  it('counts the lifetime in whole seconds, up: a 7-day token generated mid-second lived 7 days', () => {
    const state = foldTokenEvents([
      tokenGenerated({ generatedAt: '2026-03-01T12:00:00.750Z', expiresAt: '2026-03-08T12:00:00.000Z' }),
    ]);
    expect(predecessorOf(state).lifetimeMs).toBe(7 * DAY_MS);
  });

  it('has no lifetime for a token that never expires', () => {
    expect(predecessorOf(foldTokenEvents([tokenGenerated({ expiresAt: null })])).lifetimeMs).toBeNull();
  });
});
