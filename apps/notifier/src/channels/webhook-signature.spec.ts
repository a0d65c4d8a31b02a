import type { ExpiryNotice } from '@pat/domain';
import { webhookBody } from './webhook.channel';
import { webhookSignature } from './webhook-signature';

describe('webhookSignature', () => {
  it('is sha256= and the hex HMAC-SHA-256 of the raw body', () => {
    // RFC 4231 test case 2.
    expect(webhookSignature('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('changes with the body and with the secret', () => {
    const base = webhookSignature('{"a":1}', 'secret');
    expect(webhookSignature('{"a":2}', 'secret')).not.toBe(base);
    expect(webhookSignature('{"a":1}', 'other')).not.toBe(base);
  });
});

describe('webhookBody', () => {
  it("carries exactly the contract's fields", () => {
    const notice: ExpiryNotice = {
      noticeId: 'n-1',
      tokenId: 't-1',
      userId: 'alice',
      ownerEmail: 'alice@example.com',
      name: 'CI deploy',
      tokenHint: 'pat_AbCd…wXyZ',
      expiresAt: new Date('2026-12-04T23:41:23.377Z'),
      thresholdDays: 1,
      claimedAt: new Date('2026-12-03T23:41:23.377Z'),
    };
    expect(JSON.parse(webhookBody(notice))).toEqual({
      event: 'token.expiry_notice',
      tokenId: 't-1',
      userId: 'alice',
      name: 'CI deploy',
      tokenHint: 'pat_AbCd…wXyZ',
      expiresAt: '2026-12-04T23:41:23.377Z',
      thresholdDays: 1,
    });
  });
});
