import type { ExpiryNotice } from '@pat/domain';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/support/webhook-receiver';
import { WebhookChannel } from './webhook.channel';

const SECRET = 'whsec-0123456789abcdef';

const notice: ExpiryNotice = {
  noticeId: '6e525906-ce95-5291-a2f0-3a50b62c2d9a',
  tokenId: '9ae1e3b6-9bb6-4a74-824d-d0746b9581bd',
  userId: 'alice',
  ownerEmail: 'alice@example.com',
  name: 'CI deploy',
  tokenHint: 'pat_PuQi…lCg6',
  expiresAt: new Date('2026-12-04T23:41:23.377Z'),
  thresholdDays: 7,
  claimedAt: new Date('2026-11-27T23:41:23.380Z'),
};

describe('webhook channel against a real HTTP receiver', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver(SECRET);
  });

  afterEach(() => receiver.close());

  const channel = (secret = SECRET): WebhookChannel =>
    new WebhookChannel({ url: receiver.url, secret, timeoutMs: 2000 });

  it('POSTs the notice as JSON, signed so that the receiver verifies it', async () => {
    await channel().deliver(notice);

    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook.signatureValid).toBe(true);
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['x-notice-id']).toBe(notice.noticeId);
    expect(hook.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(hook.body).toEqual({
      event: 'token.expiry_notice',
      tokenId: notice.tokenId,
      userId: 'alice',
      name: 'CI deploy',
      tokenHint: 'pat_PuQi…lCg6',
      expiresAt: '2026-12-04T23:41:23.377Z',
      thresholdDays: 7,
    });
  });

  it('is refused by a receiver with another secret, and that fails the delivery', async () => {
    await expect(channel('not-the-receivers-secret').deliver(notice)).rejects.toThrow(/401/);
    expect(receiver.received[0].signatureValid).toBe(false);
  });

  it('fails the delivery on an answer other than 2xx', async () => {
    receiver.failNext(500);
    await expect(channel().deliver(notice)).rejects.toThrow(/500/);
    await expect(channel().deliver(notice)).resolves.toBeUndefined();
  });

  it('fails the delivery when nothing listens', async () => {
    const url = receiver.url;
    await receiver.close();
    await expect(new WebhookChannel({ url, secret: SECRET, timeoutMs: 1000 }).deliver(notice)).rejects.toThrow();
    receiver = await startWebhookReceiver(SECRET);
  });
});
