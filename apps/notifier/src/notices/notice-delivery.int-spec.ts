import { DAY_MS, executeTokenCommand, type TokenEvent } from '@pat/domain';
import { SqliteTokenUsageStore } from '@pat/stores';
import { join } from 'node:path';
import { NoticeLog } from '../../../../test/support/notice-log';
import {
  appendToLog,
  outboxMails,
  settableClock,
  startNotifier,
  tokenEvents,
  type NotifierHarness,
} from '../../../../test/support/notifier-harness';
import { startSmtpSink, type SmtpSink } from '../../../../test/support/smtp-sink';
import { tempDataDir } from '../../../../test/support/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/support/webhook-receiver';

const SECRET = 'whsec-notifier-test-0123456789abcdef';
const GENERATED = new Date('2031-06-01T12:00:00.000Z');
const EXPIRY = GENERATED.getTime() + 30 * DAY_MS;
const SEVEN_DAYS_DUE = new Date(EXPIRY - 7 * DAY_MS);
const RETRY_MS = 1000;

/** Claims and deliveries through the whole notifier, against a real SMTP server and a real webhook receiver. */
describe('notice delivery through the notifier', () => {
  let data: ReturnType<typeof tempDataDir>;
  let receiver: WebhookReceiver;
  let notifier: NotifierHarness | null;
  const clock = settableClock(GENERATED);

  beforeEach(async () => {
    data = tempDataDir('pat-delivery');
    receiver = await startWebhookReceiver(SECRET);
    notifier = null;
    clock.set(GENERATED);
  });

  afterEach(async () => {
    await notifier?.close();
    await receiver.close();
    data.remove();
  });

  async function start(env: Record<string, string> = {}): Promise<NotifierHarness> {
    notifier = await startNotifier({
      dataDir: data.path,
      clock,
      env: {
        NOTIFY_WEBHOOK_URL: receiver.url,
        NOTIFY_WEBHOOK_SECRET: SECRET,
        APP_URL: 'https://pat.example.com',
        ...env,
      },
      settings: { firstRetryDelayMs: RETRY_MS, retryFactor: 1, maxAttempts: 3 },
    });
    return notifier;
  }

  async function givenToken(
    ownerEmail: string | null = 'alice@example.com',
    expiresAt: Date | null = new Date(EXPIRY),
  ): Promise<{ tokenId: string }> {
    const log = new NoticeLog();
    const tokenId = String(
      log.generated({ generatedAt: GENERATED, expiresAt, ownerEmail, name: 'CI deploy' }).data.tokenId,
    );
    await appendToLog(data.path, log.events);
    return { tokenId };
  }

  async function runAt(instant: Date): Promise<void> {
    clock.set(instant);
    await notifier!.worker.runUntilIdle();
  }

  async function reportLeak(tokenId: string, at: Date): Promise<void> {
    await executeTokenCommand(
      notifier!.store,
      { type: 'ReportTokenLeak', tokenId, now: at },
      { commandId: `leak-${tokenId}`, correlationId: `leak-${tokenId}`, actor: 'system:leak-report' },
    );
  }

  const noticeEvents = async (tokenId: string): Promise<TokenEvent[]> =>
    (await tokenEvents(notifier!.store, tokenId)).filter((event) => event.type !== 'TokenGenerated');

  const metric = async (name: string): Promise<string[]> =>
    (await notifier!.get('/metrics')).body.split('\n').filter((line) => line.startsWith(name));

  it('mails the owner by SMTP and calls the signed webhook, and records which channels it used', async () => {
    const smtp: SmtpSink = await startSmtpSink();
    try {
      const { tokenId } = await givenToken();
      await start({ SMTP_URL: smtp.url, MAIL_FROM: 'Tokens <tokens@pat.example.com>' });

      await runAt(SEVEN_DAYS_DUE);

      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].recipients).toEqual(['alice@example.com']);
      expect(smtp.received[0].message.headers.get('subject')).toBe(
        'Your personal access token "CI deploy" expires in 7 days',
      );
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].signatureValid).toBe(true);
      expect(receiver.received[0].body).toMatchObject({ event: 'token.expiry_notice', tokenId, thresholdDays: 7 });
      expect(outboxMails(data.path)).toEqual([]);
      expect(await noticeEvents(tokenId)).toEqual([
        {
          type: 'ExpiryNoticeSent',
          data: {
            schemaVersion: 1,
            tokenId,
            thresholdDays: 7,
            channel: 'email+webhook',
            sentAt: SEVEN_DAYS_DUE.toISOString(),
          },
        },
      ]);
      expect(await metric('pat_notices_sent_total')).toEqual([
        'pat_notices_sent_total{channel="email"} 1',
        'pat_notices_sent_total{channel="webhook"} 1',
      ]);
    } finally {
      await smtp.close();
    }
  });

  it("says when the token was last used, as the API recorded it, and links to the page's Rotate dialog", async () => {
    const { tokenId } = await givenToken();
    const usage = new SqliteTokenUsageStore(join(data.path, 'usage.sqlite'));
    await usage.record([{ tokenId, usedAt: new Date('2031-06-20T09:30:00.000Z') }]);
    await usage.close();
    await start({ NOTIFY_WEBHOOK_URL: '', NOTIFY_WEBHOOK_SECRET: '' });

    await runAt(SEVEN_DAYS_DUE);

    const text = outboxMails(data.path)[0]?.message.parts.get('text/plain') ?? '';
    expect(text).toContain('It was last used on Friday, 20 June 2031 at 09:30 UTC (2031-06-20T09:30:00.000Z).');
    expect(text).toContain(`https://pat.example.com/settings/tokens?rotate=${tokenId}`);
  });

  it('authenticates to the SMTP server with SMTP_USER and SMTP_PASSWORD', async () => {
    const smtp = await startSmtpSink({ auth: { user: 'pat-notifier', pass: 'issued-by-mail-ops' } });
    try {
      await givenToken();
      await start({
        SMTP_URL: smtp.url,
        SMTP_USER: 'pat-notifier',
        SMTP_PASSWORD: 'issued-by-mail-ops',
        NOTIFY_WEBHOOK_URL: '',
        NOTIFY_WEBHOOK_SECRET: '',
      });

      await runAt(SEVEN_DAYS_DUE);

      expect(smtp.received.map((mail) => [mail.user, mail.recipients])).toEqual([
        ['pat-notifier', ['alice@example.com']],
      ]);
    } finally {
      await smtp.close();
    }
  });

  it('retries a channel that failed with backoff, without repeating the channels that accepted', async () => {
    const { tokenId } = await givenToken();
    await start();
    receiver.failNext(500, 503);

    await runAt(SEVEN_DAYS_DUE);
    expect(receiver.received).toHaveLength(1);
    await runAt(new Date(SEVEN_DAYS_DUE.getTime() + RETRY_MS - 1));
    expect(receiver.received).toHaveLength(1);
    await runAt(new Date(SEVEN_DAYS_DUE.getTime() + RETRY_MS));
    await runAt(new Date(SEVEN_DAYS_DUE.getTime() + 2 * RETRY_MS));

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((hook) => hook.headers['x-notice-id'])).size).toBe(1);
    expect(outboxMails(data.path)).toHaveLength(1);
    expect((await noticeEvents(tokenId)).map((event) => event.type)).toEqual(['ExpiryNoticeSent']);
    expect(await metric('pat_notice_delivery_attempts_failed_total')).toEqual([
      'pat_notice_delivery_attempts_failed_total{channel="webhook"} 2',
    ]);
    expect(await metric('pat_notice_deliveries_queued')).toEqual(['pat_notice_deliveries_queued 0']);
  });

  it('records ExpiryNoticeFailed, logs and counts a notice that still fails after every attempt', async () => {
    const { tokenId } = await givenToken();
    await start();
    receiver.answerAlways(500);

    for (let attempt = 0; attempt < 5; attempt++) {
      await runAt(new Date(SEVEN_DAYS_DUE.getTime() + attempt * RETRY_MS));
    }

    expect(receiver.received).toHaveLength(3);
    expect(outboxMails(data.path)).toHaveLength(1);
    const events = await noticeEvents(tokenId);
    expect(events.map((event) => event.type)).toEqual(['ExpiryNoticeSent', 'ExpiryNoticeFailed']);
    expect(events[1].data).toMatchObject({
      thresholdDays: 7,
      channel: 'outbox+webhook',
      reason: 'delivery_failed',
      errorCodes: { webhook: 'webhook_status_500' },
      detail: 'webhook: the webhook receiver answered HTTP 500 (webhook_status_500)',
      failedAt: new Date(SEVEN_DAYS_DUE.getTime() + 2 * RETRY_MS).toISOString(),
    });
    expect(await metric('pat_notices_failed_total')).toEqual(['pat_notices_failed_total{reason="delivery_failed"} 1']);
    expect(await metric('pat_notice_deliveries_queued')).toEqual(['pat_notice_deliveries_queued 0']);
  });

  it('does not deliver a claimed notice once the token is revoked, and says so in the audit trail', async () => {
    const { tokenId } = await givenToken();
    await start();
    receiver.failNext(500);
    await runAt(SEVEN_DAYS_DUE);
    expect(receiver.received).toHaveLength(1);

    await executeTokenCommand(
      notifier!.store,
      {
        type: 'RevokeToken',
        tokenId,
        actor: { kind: 'user', userId: 'alice', isAdmin: false },
        reason: null,
        now: SEVEN_DAYS_DUE,
      },
      { commandId: 'revoke-1', correlationId: 'revoke-1', actor: 'alice' },
    );
    await runAt(new Date(SEVEN_DAYS_DUE.getTime() + RETRY_MS));

    expect(receiver.received).toHaveLength(1);
    const events = await noticeEvents(tokenId);
    expect(events.map((event) => event.type)).toEqual(['ExpiryNoticeSent', 'TokenRevoked', 'ExpiryNoticeFailed']);
    expect(events[2].data).toMatchObject({ reason: 'token_revoked', detail: 'delivered only by outbox' });
    expect(await metric('pat_notices_failed_total')).toEqual(['pat_notices_failed_total{reason="token_revoked"} 1']);
  });

  it('claims but fails a notice for an owner no channel reaches', async () => {
    const { tokenId } = await givenToken(null);
    await start({ NOTIFY_WEBHOOK_URL: '', NOTIFY_WEBHOOK_SECRET: '' });

    await runAt(SEVEN_DAYS_DUE);

    const events = await noticeEvents(tokenId);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['ExpiryNoticeSent', expect.objectContaining({ thresholdDays: 7, channel: 'none' })],
      ['ExpiryNoticeFailed', expect.objectContaining({ reason: 'no_recipient' })],
    ]);
    expect(outboxMails(data.path)).toEqual([]);
  });

  it('reports pending notices and a lag of 0 once caught up', async () => {
    await givenToken();
    await givenToken();
    await start();
    expect(await metric('pat_notices_pending')).toEqual(['pat_notices_pending 4']);
    expect(await metric('pat_notifier_log_lag_seconds')).toEqual(['pat_notifier_log_lag_seconds 0']);
    await runAt(SEVEN_DAYS_DUE);
    expect(await metric('pat_notices_pending')).toEqual(['pat_notices_pending 2']);
    expect(await metric('pat_notices_claimed_total')).toEqual(['pat_notices_claimed_total 2']);
    const ready = await notifier!.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok' });
  });

  describe('the notice that a token was revoked without its owner asking', () => {
    const REPORTED_AT = new Date(GENERATED.getTime() + DAY_MS);

    it('mails the owner and calls the webhook once, and no expiry notice follows', async () => {
      const smtp = await startSmtpSink();
      try {
        const { tokenId } = await givenToken();
        await start({ SMTP_URL: smtp.url, MAIL_FROM: 'Tokens <tokens@pat.example.com>' });
        await reportLeak(tokenId, REPORTED_AT);

        await runAt(REPORTED_AT);
        await runAt(SEVEN_DAYS_DUE);

        expect(smtp.received.map((mail) => mail.message.headers.get('subject'))).toEqual([
          'Your personal access token "CI deploy" was revoked: it was reported as leaked',
        ]);
        const text = smtp.received[0].message.parts.get('text/plain') ?? '';
        expect(text).toContain(REPORTED_AT.toISOString());
        expect(text).toContain('https://pat.example.com');
        expect(receiver.received.map((hook) => hook.body)).toEqual([
          {
            event: 'token.revoked',
            tokenId,
            userId: 'alice',
            name: 'CI deploy',
            tokenHint: 'pat_AbCd…wXyZ',
            reason: 'leaked',
            revokedAt: REPORTED_AT.toISOString(),
          },
        ]);
        expect(receiver.received[0].signatureValid).toBe(true);
        expect((await noticeEvents(tokenId)).map((event) => [event.type, event.data])).toEqual([
          ['TokenLeakReported', expect.objectContaining({ reportedAt: REPORTED_AT.toISOString() })],
          ['TokenRevoked', expect.objectContaining({ reason: 'leaked' })],
          ['RevocationNoticeSent', expect.objectContaining({ cause: 'leaked', channel: 'email+webhook' })],
        ]);
        expect(await metric('pat_notices_claimed_total')).toEqual(['pat_notices_claimed_total 1']);
      } finally {
        await smtp.close();
      }
    });

    it('tells the owner of a token that never expires, in the outbox, and not again after a restart', async () => {
      const { tokenId } = await givenToken('alice@example.com', null);
      await start({ NOTIFY_WEBHOOK_URL: '', NOTIFY_WEBHOOK_SECRET: '' });
      await reportLeak(tokenId, REPORTED_AT);
      await runAt(REPORTED_AT);
      await notifier!.close();
      await start({ NOTIFY_WEBHOOK_URL: '', NOTIFY_WEBHOOK_SECRET: '' });
      await runAt(new Date(REPORTED_AT.getTime() + DAY_MS));

      const mails = outboxMails(data.path);
      expect(mails.map((mail) => mail.file)).toEqual([`20310602T120000Z-${tokenId}-leaked.eml`]);
      expect(mails[0].message.headers.get('to')).toBe('alice@example.com');
      const claims = (await noticeEvents(tokenId)).filter((event) => event.type === 'RevocationNoticeSent');
      expect(claims).toHaveLength(1);
      expect(await metric('pat_notices_pending')).toEqual(['pat_notices_pending 0']);
    });

    it('tells the owner of a token revoked as unused, naming TOKEN_IDLE_REVOKE_DAYS', async () => {
      const { tokenId } = await givenToken();
      await start({ TOKEN_IDLE_REVOKE_DAYS: '14' });
      const revokedAt = new Date(GENERATED.getTime() + 14 * DAY_MS);
      await executeTokenCommand(
        notifier!.store,
        { type: 'RevokeIdleToken', tokenId, lastUsedAt: null, idleDays: 14, now: revokedAt },
        { commandId: `idle-${tokenId}`, correlationId: `idle-${tokenId}`, actor: 'system:idle-revocation' },
      );

      await runAt(revokedAt);

      const mails = outboxMails(data.path);
      expect(mails.map((mail) => mail.file)).toEqual([`20310615T120000Z-${tokenId}-idle.eml`]);
      expect(mails[0].message.headers.get('subject')).toBe(
        'Your personal access token "CI deploy" was revoked: it was not used for 14 days',
      );
      expect(receiver.received.map((hook) => hook.body)).toEqual([
        expect.objectContaining({
          event: 'token.revoked',
          tokenId,
          reason: 'idle',
          revokedAt: revokedAt.toISOString(),
        }),
      ]);
      expect((await noticeEvents(tokenId)).map((event) => event.type)).toEqual([
        'TokenRevoked',
        'RevocationNoticeSent',
      ]);
    });

    it('records RevocationNoticeFailed once every attempt has failed', async () => {
      const { tokenId } = await givenToken();
      await start();
      receiver.answerAlways(500);
      await reportLeak(tokenId, REPORTED_AT);

      for (let attempt = 0; attempt < 5; attempt++) {
        await runAt(new Date(REPORTED_AT.getTime() + attempt * RETRY_MS));
      }

      expect(receiver.received).toHaveLength(3);
      expect(outboxMails(data.path)).toHaveLength(1);
      const events = await noticeEvents(tokenId);
      expect(events.map((event) => event.type)).toEqual([
        'TokenLeakReported',
        'TokenRevoked',
        'RevocationNoticeSent',
        'RevocationNoticeFailed',
      ]);
      expect(events[3].data).toMatchObject({
        cause: 'leaked',
        channel: 'outbox+webhook',
        reason: 'delivery_failed',
        errorCodes: { webhook: 'webhook_status_500' },
        detail: 'webhook: the webhook receiver answered HTTP 500 (webhook_status_500)',
      });
    });
  });
});
