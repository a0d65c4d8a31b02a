import { AssertionError } from 'node:assert/strict';
import { DomainValidationError } from '../../shared/domain-error';
import type { RevokeToken } from '../token.commands';
import { TokenAlreadyExistsError, TokenNotFoundError } from '../token.errors';
import { given } from './given';
import { TEST_OWNER_ID, TEST_TOKEN_ID, tokenGenerated, tokenRevoked } from './token-events';

const now = new Date('2026-03-10T08:00:00.000Z');
const revokeByOwner: RevokeToken = {
  type: 'RevokeToken',
  tokenId: TEST_TOKEN_ID,
  actor: { kind: 'user', userId: TEST_OWNER_ID, isAdmin: false },
  reason: null,
  now,
};

/** The helper itself must fail loudly, or every aggregate test built on it could pass vacuously. */
describe('given/when/then helper', () => {
  it('passes when the command records exactly the expected events', () => {
    expect(() =>
      given([tokenGenerated()])
        .when(revokeByOwner)
        .then([tokenRevoked({ revokedAt: now.toISOString() })]),
    ).not.toThrow();
  });

  it('fails when the events differ, or when more or fewer are recorded', () => {
    const outcome = given([tokenGenerated()]).when(revokeByOwner);
    expect(() => outcome.then([tokenRevoked({ revokedAt: now.toISOString(), revokedBy: 'root' })])).toThrow(
      AssertionError,
    );
    expect(() => outcome.then([])).toThrow(AssertionError);
    const revoked = tokenRevoked({ revokedAt: now.toISOString() });
    expect(() => outcome.then([revoked, revoked])).toThrow(AssertionError);
  });

  it('fails thenThrows when the command succeeds', () => {
    expect(() => given([tokenGenerated()]).when(revokeByOwner).thenThrows(TokenNotFoundError)).toThrow(
      /TokenNotFoundError to be thrown, but the command recorded/,
    );
  });

  it('fails thenThrows on another error class or another code', () => {
    const outcome = given([]).when(revokeByOwner);
    expect(outcome.thenThrows(TokenNotFoundError)).toBeInstanceOf(TokenNotFoundError);
    expect(outcome.thenThrows('token_not_found').code).toBe('token_not_found');
    expect(() => outcome.thenThrows(TokenAlreadyExistsError)).toThrow(AssertionError);
    expect(() => outcome.thenThrows(DomainValidationError)).toThrow(AssertionError);
    expect(() => outcome.thenThrows('token_exists')).toThrow(AssertionError);
  });

  it('freezes the command, so a decider cannot change its input unnoticed', () => {
    const command: RevokeToken = { ...revokeByOwner, actor: { kind: 'system', name: 'ops' } };
    given([tokenGenerated()]).when(command);
    expect(Object.isFrozen(command)).toBe(true);
    expect(Object.isFrozen(command.actor)).toBe(true);
  });
});
