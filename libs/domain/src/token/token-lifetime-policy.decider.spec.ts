import { given } from './testing/given';
import {
  EXPIRES_AT,
  TEST_TOKEN_ID,
  tokenExpired,
  tokenGenerated,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
} from './testing/token-events';
import type { ExpireTokenByPolicy } from './token.commands';
import type { LifetimePolicy } from './token-lifetime-policy';
import { exceedsLifetimePolicy } from './token-lifetime-policy';

const NOW = new Date('2026-03-05T00:00:00.000Z');
/** The test token lives 30 days (1 to 31 March). */
const lowered: LifetimePolicy = { maxLifetimeDays: 7, allowNoExpiry: false };
const unchanged: LifetimePolicy = { maxLifetimeDays: 30, allowNoExpiry: false };

const expireByPolicy = (policy: LifetimePolicy, now = NOW): ExpireTokenByPolicy => ({
  type: 'ExpireTokenByPolicy',
  tokenId: TEST_TOKEN_ID,
  policy,
  now,
});

const expiredByPolicy = tokenExpired({ expiredAt: NOW.toISOString(), reason: 'lifetime_policy', maxLifetimeDays: 7 });

describe('exceedsLifetimePolicy', () => {
  const generated = new Date('2026-03-01T00:00:00.000Z');
  const after = (days: number) => new Date(generated.getTime() + days * 86_400_000);

  it('holds a lifetime against the maximum, the maximum itself allowed', () => {
    expect(exceedsLifetimePolicy(generated, after(7), lowered)).toBe(false);
    expect(exceedsLifetimePolicy(generated, new Date(after(7).getTime() + 1), lowered)).toBe(true);
  });

  it('lets a token that never expires through only while that is allowed', () => {
    expect(exceedsLifetimePolicy(generated, null, lowered)).toBe(true);
    expect(exceedsLifetimePolicy(generated, null, { ...lowered, allowNoExpiry: true })).toBe(false);
  });
});

describe('token decider: ExpireTokenByPolicy', () => {
  it('records TokenExpired with reason lifetime_policy and the maximum, for a live token living longer', () => {
    const state = given([tokenGenerated()]).when(expireByPolicy(lowered)).then([expiredByPolicy]);
    expect(state.status).toBe('expired');
    given([tokenGenerated(), tokenSuspended()]).when(expireByPolicy(lowered)).then([expiredByPolicy]);
  });

  it('records nothing for a token the policy allows', () => {
    given([tokenGenerated()]).when(expireByPolicy(unchanged)).then([]);
  });

  it('records nothing for a token that has ended already: revoked, expired, rotated, or past its expiry', () => {
    given([tokenGenerated(), tokenRevoked()]).when(expireByPolicy(lowered)).then([]);
    given([tokenGenerated(), tokenExpired()]).when(expireByPolicy(lowered)).then([]);
    given([tokenGenerated(), tokenRotated()]).when(expireByPolicy(lowered)).then([]);
    given([tokenGenerated()])
      .when(expireByPolicy(lowered, new Date(EXPIRES_AT)))
      .then([]);
    given([]).when(expireByPolicy(lowered)).then([]);
  });
});
