import { DAY_MS, TOKEN_EVENT_SCHEMA_VERSION, WITHHELD_DETAIL, tokenStreamName } from '@pat/domain';
import { startApi, type ApiHarness } from './support/api-harness';
import { settableClock, startNotifier, type NotifierHarness } from './support/notifier-harness';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec-notice-failure-0123456789abcdef';
const RETRY_MS = 1000;
/** What a channel error may name, and the owner must not see: a URL, an address, an IPv4 address. */
const LEAKS = [/:\/\//, /@/, /\b\d{1,3}(?:\.\d{1,3}){3}\b/, /internal/];

interface TrailItem {
  type: string;
  data: Record<string, unknown>;
}

/**
 * A notice whose channels fail with errors that name internal hosts and addresses, and how its
 * ExpiryNoticeFailed reads over HTTP: to the owner (`GET /tokens/:id/events`) and to an admin.
 */
describe('ExpiryNoticeFailed as the owner and the audit log show it', () => {
  let api: ApiHarness;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let notifier: NotifierHarness;
  let owner: string;
  let admin: string;
  let tokenId: string;
  let dueAt: Date;
  const clock = settableClock(new Date());

  beforeAll(async () => {
    api = await startApi();
    smtp = await startSmtpSink();
    receiver = await startWebhookReceiver(SECRET);
    owner = await api.userJwt('alice', { email: 'alice@example.com' });
    admin = await api.userJwt('root', { roles: ['admin'] });
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${owner}`)
      .send({ name: 'CI deploy', expiresInDays: 30 })
      .expect(201);
    tokenId = String(created.body.id);
    dueAt = new Date(Date.parse(String(created.body.expiresAt)) - 7 * DAY_MS);
    notifier = await startNotifier({
      dataDir: api.dataDir,
      clock,
      env: {
        ...(api.config.eventstoreUrl === null ? {} : { EVENTSTORE_URL: api.config.eventstoreUrl }),
        TOKEN_PEPPER: api.config.tokenPepper,
        SMTP_URL: smtp.url,
        NOTIFY_WEBHOOK_URL: receiver.url,
        NOTIFY_WEBHOOK_SECRET: SECRET,
      },
      settings: { firstRetryDelayMs: RETRY_MS, retryFactor: 1, maxAttempts: 2 },
    });
  });

  afterAll(async () => {
    await notifier?.close();
    await receiver?.close();
    await smtp?.close();
    await api?.close();
  });

  const trail = async (): Promise<TrailItem[]> =>
    (await api.http.get(`/api/v1/tokens/${tokenId}/events`).set('Authorization', `Bearer ${owner}`).expect(200)).body
      .items as TrailItem[];

  const failures = async (): Promise<TrailItem[]> =>
    (await trail()).filter((item) => item.type === 'ExpiryNoticeFailed');

  it('records codes and fixed sentences, never what the mail server and the receiver said', async () => {
    smtp.refuseNext(2, 'relay-7.mail.internal [10.20.30.40] greylisted alice@example.com');
    receiver.answerAlways(500, 'upstream http://billing.internal:8080/ at 10.0.0.12 is down');

    for (const attempt of [0, 1]) {
      clock.set(new Date(dueAt.getTime() + attempt * RETRY_MS));
      await notifier.worker.runUntilIdle();
    }

    expect(smtp.received).toHaveLength(0);
    expect(receiver.received.map((hook) => hook.signatureValid)).toEqual([true, true]);
    const [failed] = await failures();
    expect(failed?.data).toMatchObject({
      reason: 'delivery_failed',
      channel: 'email+webhook',
      errorCodes: { email: 'smtp_refused', webhook: 'webhook_status_500' },
      detail:
        'email: the mail server refused the message (smtp_refused); ' +
        'webhook: the webhook receiver answered HTTP 500 (webhook_status_500)',
    });
    for (const leak of LEAKS) expect(JSON.stringify(failed)).not.toMatch(leak);

    const audited = await api.http
      .get(`/api/v1/audit/events?tokenId=${tokenId}&type=ExpiryNoticeFailed`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(audited.body.items.map((item: TrailItem) => item.data)).toEqual([failed?.data]);
  });

  it('shows the raw detail of an event recorded before codes as withheld, to the owner and to admins', async () => {
    const stream = tokenStreamName(tokenId);
    const recorded = await notifier.store.readStream(stream);
    const legacyDetail =
      'webhook: Request cannot be constructed from a URL that includes credentials: http://hook:s3cret@10.0.0.5:8080/pat';
    await notifier.store.append(
      stream,
      [
        {
          id: '0b7c3f52-3a9e-4c36-9a35-1f0d8d4c2a11',
          type: 'ExpiryNoticeFailed',
          data: {
            schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
            tokenId,
            thresholdDays: 1,
            channel: 'webhook',
            reason: 'delivery_failed',
            detail: legacyDetail,
            failedAt: new Date().toISOString(),
          },
          metadata: { correlationId: 'legacy', causationId: 'legacy', actor: 'system:notifier' },
        },
      ],
      recorded.at(-1)?.revision ?? 'no_stream',
    );

    const shown = (await failures()).find((item) => item.data.thresholdDays === 1);
    expect(shown?.data).toEqual({
      schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
      tokenId,
      thresholdDays: 1,
      channel: 'webhook',
      reason: 'delivery_failed',
      detail: WITHHELD_DETAIL,
      failedAt: expect.any(String),
    });
    const audited = await api.http
      .get(`/api/v1/audit/events?tokenId=${tokenId}&type=ExpiryNoticeFailed`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const body = JSON.stringify(audited.body);
    expect(body).toContain(WITHHELD_DETAIL);
    for (const part of ['s3cret', '10.0.0.5', 'credentials']) expect(body).not.toContain(part);
  });
});
