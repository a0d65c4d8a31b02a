import { DAY_MS, type RecordedEvent } from '@pat/domain';
import { SqliteEventStore } from '@pat/stores';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type ApiProcess } from './support/api-process';
import { parseMimeMessage } from './support/mime-message';
import { appendToStore, NoticeLog } from './support/notice-log';
import { eventually, OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const NOTICES = 200;
const SECRET = 'whsec-crash-test-0123456789abcdefgh';
const between = (min: number, max: number): number => min + Math.random() * (max - min);

/**
 * Needs `npm run build`. 200 notices fall due over 6 s while two notifier processes deliver
 * them to the outbox and a webhook; notifiers are killed with SIGKILL at random points of the
 * run and started again. Every notice must end up delivered to both channels. The outbox cannot take
 * a notice twice; the webhook can, when a process dies after the receiver answered and before
 * it recorded that: those repeats are counted, carry the same X-Notice-Id, and are at most
 * one per kill (a notifier delivers one notice at a time).
 */
describe('notifiers killed with SIGKILL during a run of 200 due notices', () => {
  const data = tempDataDir('pat-crash');
  let receiver: WebhookReceiver;
  let notifiers: ApiProcess[] = [];

  afterAll(async () => {
    await Promise.all(notifiers.map((notifier) => notifier.stop('SIGKILL')));
    await receiver?.close();
    data.remove();
  });

  it('delivers every notice to every channel, the outbox exactly once', async () => {
    receiver = await startWebhookReceiver(SECRET);
    const env = { DATA_DIR: data.path, NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_WEBHOOK_SECRET: SECRET };
    const log = new NoticeLog();
    const firstDue = Date.now() + 3_000;
    const generated = log.events;
    for (let index = 0; index < NOTICES; index++) {
      const dueAt = firstDue + index * 30;
      log.generated({
        generatedAt: new Date(),
        expiresAt: new Date(dueAt + 7 * DAY_MS),
        ownerEmail: `owner-${index}@example.com`,
        name: `token ${index}`,
      });
    }
    const tokenIds = generated.map((event) => String(event.data.tokenId));
    const store = new SqliteEventStore(join(data.path, 'events.sqlite'));
    await appendToStore(store, generated);
    notifiers = await Promise.all([startProcess('notifier', env), startProcess('notifier', env)]);

    // Each kill comes once a random share of the notices is in the outbox: in the middle of the
    // run however fast the machine is, since the rest are not due yet.
    const kills: number[] = [];
    const killOnceDelivered = async (which: number, share: number): Promise<void> => {
      await eventually(() => Promise.resolve(emlFiles().length >= Math.round(share * NOTICES)), OUTCOME_DEADLINE_MS, 5);
      kills.push(emlFiles().length);
      await notifiers[which].stop('SIGKILL');
      notifiers[which] = await startProcess('notifier', env);
    };
    await killOnceDelivered(0, between(0.05, 0.25));
    await killOnceDelivered(1, between(0.35, 0.55));
    await killOnceDelivered(0, between(0.65, 0.85));

    const allDelivered = (): boolean => emlFiles().length === NOTICES && distinctNoticeIds() === NOTICES;
    // Left to the assertions below to say what is missing.
    await eventually(() => Promise.resolve(allDelivered()), 2 * OUTCOME_DEADLINE_MS, 100).catch(() => undefined);

    expect(kills.some((delivered) => delivered < NOTICES)).toBe(true);
    const files = emlFiles();
    expect(files).toHaveLength(NOTICES);
    expect(new Set(files.map((file) => /-([0-9a-f-]{36})-7d\.eml$/.exec(file)?.[1])).size).toBe(NOTICES);
    for (const file of files) {
      const mail = parseMimeMessage(readFileSync(join(data.path, 'outbox', file), 'utf8'));
      expect(mail.headers.get('subject')).toMatch(/^Your personal access token "token \d+" expires in 7 days$/);
      expect([...mail.parts.keys()].sort()).toEqual(['text/html', 'text/plain']);
    }

    const claims: RecordedEvent[] = [];
    for (const tokenId of tokenIds) {
      const stream = await store.readStream(`pat-${tokenId}`);
      expect(stream.map((event) => event.type)).toEqual(['TokenGenerated', 'ExpiryNoticeSent']);
      claims.push(stream[1]);
    }
    expect(new Set(receiver.received.map((hook) => hook.headers['x-notice-id']))).toEqual(
      new Set(claims.map((claim) => claim.id)),
    );
    expect(receiver.received.every((hook) => hook.signatureValid)).toBe(true);
    const repeats = receiver.received.length - NOTICES;
    process.stdout.write(
      `notifier crash run: kills with ${kills.join(', ')} of ${NOTICES} delivered; ` + `webhook repeats ${repeats}\n`,
    );
    expect(repeats).toBeLessThanOrEqual(kills.length);
    const digests = generated.map((event) => String(event.data.tokenDigest));
    for (const file of files) {
      const raw = readFileSync(join(data.path, 'outbox', file), 'utf8');
      for (const digest of digests) expect(raw).not.toContain(digest);
    }
    await store.close();

    function emlFiles(): string[] {
      try {
        return readdirSync(join(data.path, 'outbox')).filter((name) => name.endsWith('.eml'));
      } catch {
        return [];
      }
    }
    function distinctNoticeIds(): number {
      return new Set(receiver.received.map((hook) => hook.headers['x-notice-id'])).size;
    }
  }, 60_000);
});
