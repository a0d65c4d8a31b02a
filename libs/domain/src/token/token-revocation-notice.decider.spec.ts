import { given } from './testing/given';
import {
  revocationNoticeFailed,
  revocationNoticeSent,
  TEST_TOKEN_ID,
  tokenGenerated,
  tokenLeakReported,
  tokenRevoked,
} from './testing/token-events';
import type { RecordRevocationNotice, RecordRevocationNoticeFailure } from './token.commands';
import { TokenNotFoundError } from './token.errors';

const CLAIMED_AT = new Date('2026-03-15T00:00:01.000Z');
const FAILED_AT = new Date('2026-03-15T00:05:00.000Z');

const claim = (channel = 'email'): RecordRevocationNotice => ({
  type: 'RecordRevocationNotice',
  tokenId: TEST_TOKEN_ID,
  channel,
  now: CLAIMED_AT,
});

const failure = (): RecordRevocationNoticeFailure => ({
  type: 'RecordRevocationNoticeFailure',
  tokenId: TEST_TOKEN_ID,
  channel: 'email',
  reason: 'delivery_failed',
  errorCodes: { email: 'smtp_unreachable' },
  deliveredBy: [],
  now: FAILED_AT,
});

const leaked = [
  tokenGenerated(),
  tokenLeakReported(),
  tokenRevoked({ revokedBy: 'system:leak-report', reason: 'leaked' }),
];

describe('token decider: RecordRevocationNotice', () => {
  it('claims the notice a reported leak owes the owner, naming the channels it goes to', () => {
    given(leaked)
      .when(claim('outbox+webhook'))
      .then([revocationNoticeSent({ channel: 'outbox+webhook', sentAt: CLAIMED_AT.toISOString() })]);
  });

  it('claims the notice of a token revoked as idle, with that cause', () => {
    given([tokenGenerated(), tokenRevoked({ revokedBy: 'system:idle-revocation', reason: 'idle' })])
      .when(claim())
      .then([revocationNoticeSent({ cause: 'idle', sentAt: CLAIMED_AT.toISOString() })]);
  });

  it('claims it once: a second claim (another notifier, a replay) records nothing', () => {
    given([...leaked, revocationNoticeSent()])
      .when(claim())
      .then([]);
    given([...leaked, revocationNoticeSent(), revocationNoticeFailed()])
      .when(claim())
      .then([]);
  });

  it('owes nothing to the owner of a token revoked by the owner, or never reported', () => {
    given([tokenGenerated(), tokenRevoked()]).when(claim()).then([]);
    given([tokenGenerated()]).when(claim()).then([]);
  });

  it('refuses a claim on a stream that does not exist', () => {
    given([]).when(claim()).thenThrows(TokenNotFoundError);
  });
});

describe('token decider: RecordRevocationNoticeFailure', () => {
  it('records a claimed notice that could not be delivered, with fixed sentences for its channels', () => {
    given([...leaked, revocationNoticeSent()])
      .when(failure())
      .then([revocationNoticeFailed({ failedAt: FAILED_AT.toISOString() })]);
  });

  it('records nothing for a notice never claimed, or already recorded as failed', () => {
    given(leaked).when(failure()).then([]);
    given([...leaked, revocationNoticeSent(), revocationNoticeFailed()])
      .when(failure())
      .then([]);
  });
});
