import { NoticeChannelError, type ExpiryNotice } from '@pat/domain';
import { createServer, type Socket } from 'node:net';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/support/webhook-receiver';
import { WebhookChannel, type WebhookSettings } from './webhook.channel';
import { webhookSignature } from './webhook-signature';

const SECRET = 'whsec-0123456789abcdef-0123456789abcdef';

const notice: ExpiryNotice = {
  kind: 'expiry',
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

  const channel = (settings: Partial<WebhookSettings> = {}): WebhookChannel =>
    new WebhookChannel({ url: receiver.url, secret: SECRET, authorization: null, timeoutMs: 2000, ...settings });

  it('POSTs the notice as JSON, signed with a time so that the receiver verifies it', async () => {
    await channel().deliver(notice);

    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook.signatureValid).toBe(true);
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['x-notice-id']).toBe(notice.noticeId);
    expect(hook.headers['x-signature']).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    expect(hook.headers.authorization).toBeUndefined();
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

  it('sends NOTIFY_WEBHOOK_AUTHORIZATION as the Authorization header', async () => {
    await channel({ authorization: 'Bearer receiver-issued' }).deliver(notice);
    expect(receiver.received[0].headers.authorization).toBe('Bearer receiver-issued');
  });

  it('is refused by a receiver with another secret: webhook_status_401', async () => {
    await expect(channel({ secret: 'not-the-receivers-secret-0123456789' }).deliver(notice)).rejects.toMatchObject({
      code: 'webhook_status_401',
    });
    expect(receiver.received[0].signatureValid).toBe(false);
  });

  it('is refused when signed more than 5 minutes before the receiver checks it (a replay)', async () => {
    const sixMinutesAgo = (): Date => new Date(Date.now() - 6 * 60_000);
    await expect(channel({ now: sixMinutesAgo }).deliver(notice)).rejects.toMatchObject({ code: 'webhook_status_401' });
    await expect(channel().deliver(notice)).resolves.toBeUndefined();
    expect(receiver.received.map((hook) => hook.signatureValid)).toEqual([false, true]);
  });

  it('has its receiver refuse, without failing, a replayed body and forged signatures', async () => {
    await channel().deliver(notice);
    const [original] = receiver.received;
    const [t, v1] = String(original.headers['x-signature']).split(',') as [string, string];
    const old = new Date(Date.now() - 10 * 60_000);
    const forged = [
      webhookSignature(original.rawBody, SECRET, old),
      `${t},v1=${'0'.repeat(64)}`,
      `${t},${v1.slice(0, -2)}`,
      `${t},${v1}ff`,
      `sha256=${v1.slice(3)}`,
    ];
    const statuses: number[] = [];
    for (const signature of forged) {
      const response = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signature },
        body: original.rawBody,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    await expect(channel().deliver(notice)).resolves.toBeUndefined();
  });

  it('fails the delivery on an answer other than 2xx, with the status as its code', async () => {
    receiver.failNext(500);
    const failure = await channel()
      .deliver(notice)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoticeChannelError);
    expect(failure).toMatchObject({ code: 'webhook_status_500', message: 'the webhook receiver answered HTTP 500' });
    await expect(channel().deliver(notice)).resolves.toBeUndefined();
  });

  it('does not follow a redirect: webhook_status_302', async () => {
    receiver.failNext(302);
    await expect(channel().deliver(notice)).rejects.toMatchObject({ code: 'webhook_status_302' });
    expect(receiver.received).toHaveLength(1);
  });

  it('fails with webhook_unreachable when nothing listens', async () => {
    const url = receiver.url;
    await receiver.close();
    await expect(channel({ url, timeoutMs: 1000 }).deliver(notice)).rejects.toMatchObject({
      code: 'webhook_unreachable',
    });
    receiver = await startWebhookReceiver(SECRET);
  });

  it('fails with webhook_timeout when the receiver does not answer in time', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        channel({ url: `http://127.0.0.1:${port}/hook`, timeoutMs: 200 }).deliver(notice),
      ).rejects.toMatchObject({ code: 'webhook_timeout' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
