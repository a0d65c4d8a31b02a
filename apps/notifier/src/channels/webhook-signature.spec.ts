import { createHmac } from 'node:crypto';
import type { ExpiryNotice } from '@pat/domain';
import { readmeWebhookVerifier } from '../../../../test/support/readme-examples';
import { signatureCases } from '../../../../test/support/webhook-signature-cases';
import { webhookBody } from './webhook.channel';
import { webhookSignature } from './webhook-signature';

const SECRET = 'whsec-0123456789abcdef-0123456789abcdef';

describe('webhookSignature', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>">', () => {
    const at = new Date('2031-06-01T12:00:00.999Z');
    const t = Math.floor(at.getTime() / 1000);
    const mac = createHmac('sha256', SECRET).update(`${t}.{"a":1}`).digest('hex');
    expect(webhookSignature('{"a":1}', SECRET, at)).toBe(`t=${t},v1=${mac}`);
    expect(webhookSignature('{"a":1}', SECRET, at)).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
  });

  it('changes with the body, the secret and the time', () => {
    const at = new Date('2031-06-01T12:00:00Z');
    const base = webhookSignature('{"a":1}', SECRET, at);
    expect(webhookSignature('{"a":2}', SECRET, at)).not.toBe(base);
    expect(webhookSignature('{"a":1}', `${SECRET}x`, at)).not.toBe(base);
    expect(webhookSignature('{"a":1}', SECRET, new Date(at.getTime() + 1000))).not.toBe(base);
  });
});

describe("the README's verification example (Node.js), as written there", () => {
  const verify = readmeWebhookVerifier();

  it.each(signatureCases(SECRET).map((example) => [example.name, example] as const))(
    '%s',
    (_name, { body, header, now, valid }) => {
      expect(verify(body, header, SECRET, now)).toBe(valid);
      expect(verify(Buffer.from(body), header, SECRET, now)).toBe(valid);
    },
  );

  it('reads a header Node.js gives as a list (the header sent twice)', () => {
    const body = '{"a":1}';
    const header = webhookSignature(body, SECRET, new Date()).split(',');
    expect(verify(body, header, SECRET)).toBe(true);
  });

  it('checks against the current time by default', () => {
    const body = '{"a":1}';
    expect(verify(body, webhookSignature(body, SECRET, new Date()), SECRET)).toBe(true);
    expect(verify(body, webhookSignature(body, SECRET, new Date(Date.now() - 301_000)), SECRET)).toBe(false);
  });
});

describe('webhookBody', () => {
  it("carries exactly the contract's fields", () => {
    const notice: ExpiryNotice = {
      kind: 'expiry',
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
