import { given } from './testing/given';
import {
  EXPIRES_AT,
  GENERATED_AT,
  TEST_TOKEN_ID,
  tokenGenerated,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
} from './testing/token-events';
import type { RevokeIdleToken } from './token.commands';
import { foldTokenEvents } from './token.decider';
import { DAY_MS } from './token-expiry';

const GENERATED = new Date(GENERATED_AT);
const after = (days: number, from = GENERATED): Date => new Date(from.getTime() + days * DAY_MS);

const sweep = (now: Date, lastUsedAt: Date | null = null): RevokeIdleToken => ({
  type: 'RevokeIdleToken',
  tokenId: TEST_TOKEN_ID,
  lastUsedAt,
  idleDays: 14,
  now,
});

const revokedAsIdle = (now: Date) =>
  tokenRevoked({ revokedAt: now.toISOString(), revokedBy: 'system:idle-revocation', reason: 'idle' });

describe('token decider: RevokeIdleToken', () => {
  it('revokes a token never used within idleDays of its generation, by system:idle-revocation with reason idle', () => {
    const state = given([tokenGenerated()])
      .when(sweep(after(14)))
      .then([revokedAsIdle(after(14))]);
    expect(state).toMatchObject({ status: 'revoked', revocationNotice: { cause: 'idle', status: 'owed' } });
  });

  it('counts from the last use when there is one', () => {
    const lastUsedAt = after(10);
    given([tokenGenerated()])
      .when(sweep(after(14 - 1e-6, lastUsedAt), lastUsedAt))
      .then([]);
    given([tokenGenerated()])
      .when(sweep(after(14, lastUsedAt), lastUsedAt))
      .then([revokedAsIdle(after(14, lastUsedAt))]);
  });

  it('leaves a token used or generated within idleDays', () => {
    given([tokenGenerated()])
      .when(sweep(after(13)))
      .then([]);
  });

  it('revokes only an active token: not a suspended, revoked or rotated one, nor one past its expiry', () => {
    given([tokenGenerated(), tokenSuspended()])
      .when(sweep(after(20)))
      .then([]);
    given([tokenGenerated(), tokenRevoked()])
      .when(sweep(after(20)))
      .then([]);
    given([tokenGenerated(), tokenRotated()])
      .when(sweep(after(20)))
      .then([]);
    given([tokenGenerated()])
      .when(sweep(new Date(EXPIRES_AT)))
      .then([]);
  });

  it('records nothing for a stream that does not exist (a sweep on a stale read model)', () => {
    given([])
      .when(sweep(after(20)))
      .then([]);
  });

  it("owes the owner a notice, unlike the owner's own revoke", () => {
    expect(foldTokenEvents([tokenGenerated(), tokenRevoked()])).toMatchObject({ revocationNotice: null });
  });
});
