import { DomainValidationError } from '../shared/domain-error';
import { given } from './testing/given';
import {
  TEST_OWNER_ID,
  TEST_TOKEN_ID,
  tokenExpired,
  tokenGenerated,
  tokenRateLimitChanged,
  tokenRenamed,
  tokenRevoked,
  tokenSuspended,
} from './testing/token-events';
import type { Actor, ChangeTokenRateLimit, EditToken } from './token.commands';
import { foldTokenEvents, predecessorOf } from './token.decider';
import { TokenNotActiveError, TokenNotFoundError } from './token.errors';

const CHANGED_AT = new Date('2026-03-15T00:00:00.000Z');
const owner: Actor = { kind: 'user', userId: TEST_OWNER_ID, isAdmin: false };
const stranger: Actor = { kind: 'user', userId: 'mallory', isAdmin: false };

const change = (maxRequestsPerSecond: unknown, actor = owner): ChangeTokenRateLimit => ({
  type: 'ChangeTokenRateLimit',
  tokenId: TEST_TOKEN_ID,
  actor,
  maxRequestsPerSecond,
  now: CHANGED_AT,
});

const edit = (fields: Pick<EditToken, 'name' | 'maxRequestsPerSecond'>): EditToken => ({
  type: 'EditToken',
  tokenId: TEST_TOKEN_ID,
  actor: owner,
  ...fields,
  now: CHANGED_AT,
});

describe('token decider: ChangeTokenRateLimit', () => {
  it('records TokenRateLimitChanged with the new limit and the previous one', () => {
    const state = given([tokenGenerated()]).when(change(10)).then([tokenRateLimitChanged()]);
    expect(state).toMatchObject({ maxRequestsPerSecond: 10 });
    given([tokenGenerated({ maxRequestsPerSecond: 10 })])
      .when(change(null))
      .then([tokenRateLimitChanged({ maxRequestsPerSecond: null, previous: 10 })]);
  });

  it('records nothing for the limit the token has, and changes a suspended one too', () => {
    given([tokenGenerated({ maxRequestsPerSecond: 10 })])
      .when(change(10))
      .then([]);
    given([tokenGenerated(), tokenSuspended()]).when(change(10)).then([tokenRateLimitChanged()]);
  });

  it.each([0, -3, 2.5, 100_001, '10', true])('refuses %j, naming maxRequestsPerSecond', (limit) => {
    const error = given([tokenGenerated()]).when(change(limit)).thenThrows(DomainValidationError);
    expect(error.field).toBe('maxRequestsPerSecond');
  });

  it('refuses a revoked or expired token, and does not show another user the token', () => {
    given([tokenGenerated(), tokenRevoked()]).when(change(10)).thenThrows(TokenNotActiveError);
    given([tokenGenerated(), tokenExpired()]).when(change(10)).thenThrows(TokenNotActiveError);
    given([tokenGenerated()]).when(change(10, stranger)).thenThrows(TokenNotFoundError);
  });
});

describe('token decider: EditToken', () => {
  it('renames and re-limits in one decision, and leaves out what is absent or the same', () => {
    given([tokenGenerated()])
      .when(edit({ name: 'CI deploy (staging)', maxRequestsPerSecond: 10 }))
      .then([tokenRenamed({ renamedAt: CHANGED_AT.toISOString() }), tokenRateLimitChanged()]);
    given([tokenGenerated()])
      .when(edit({ maxRequestsPerSecond: 10 }))
      .then([tokenRateLimitChanged()]);
    given([tokenGenerated()])
      .when(edit({ name: 'CI deploy', maxRequestsPerSecond: null }))
      .then([]);
  });

  it('records nothing at all when one of the changes is refused', () => {
    const error = given([tokenGenerated()])
      .when(edit({ name: 'new name', maxRequestsPerSecond: 0 }))
      .thenThrows(DomainValidationError);
    expect(error.field).toBe('maxRequestsPerSecond');
  });
});

describe('a rotation passes the rate limit on', () => {
  it('gives the successor the limit the token has now', () => {
    const state = foldTokenEvents([
      tokenGenerated({ maxRequestsPerSecond: 5 }),
      tokenRateLimitChanged({ previous: 5 }),
    ]);
    expect(predecessorOf(state)).toMatchObject({ maxRequestsPerSecond: 10 });
  });
});
