import { given } from './testing/given';
import {
  EXPIRES_AT,
  tokenExpired,
  tokenGenerated,
  tokenLeakReported,
  tokenRevoked,
  tokenRotated,
  tokenSuspended,
} from './testing/token-events';
import { TEST_TOKEN_ID } from './testing/token-events';
import type { ReportTokenLeak } from './token.commands';

const REPORTED_AT = new Date('2026-03-15T00:30:00.000Z');
const AFTER_EXPIRY = new Date(new Date(EXPIRES_AT).getTime() + 1);

const report = (now = REPORTED_AT): ReportTokenLeak => ({ type: 'ReportTokenLeak', tokenId: TEST_TOKEN_ID, now });

const reportedAndRevoked = (now = REPORTED_AT) => [
  tokenLeakReported({ reportedAt: now.toISOString() }),
  tokenRevoked({ revokedAt: now.toISOString(), revokedBy: 'system:leak-report', reason: 'leaked' }),
];

describe('token decider: ReportTokenLeak', () => {
  it('records TokenLeakReported and a TokenRevoked by system:leak-report with reason leaked, for an active token', () => {
    const state = given([tokenGenerated()]).when(report()).then(reportedAndRevoked());
    expect(state.status).toBe('revoked');
  });

  it('revokes a suspended token, and a rotated one within its overlap, as they still exist to be used', () => {
    given([tokenGenerated(), tokenSuspended()]).when(report()).then(reportedAndRevoked());
    given([tokenGenerated(), tokenRotated({ graceUntil: '2026-03-15T01:00:00.000Z' })])
      .when(report())
      .then(reportedAndRevoked());
  });

  it('records nothing for a token that no longer works: revoked, expired, or rotated past its overlap', () => {
    given([tokenGenerated(), tokenRevoked()]).when(report()).then([]);
    given([tokenGenerated(), tokenExpired()]).when(report(AFTER_EXPIRY)).then([]);
    given([tokenGenerated()]).when(report(AFTER_EXPIRY)).then([]);
    given([tokenGenerated(), tokenRotated({ graceUntil: '2026-03-15T00:00:00.000Z' })])
      .when(report())
      .then([]);
  });

  it('records nothing, and refuses nothing, for an absent stream: the reporter learns nothing', () => {
    given([]).when(report()).then([]);
  });

  it('records nothing for a second report of the same token', () => {
    given([tokenGenerated(), ...reportedAndRevoked()])
      .when(report(new Date('2026-03-16T00:00:00.000Z')))
      .then([]);
  });
});
