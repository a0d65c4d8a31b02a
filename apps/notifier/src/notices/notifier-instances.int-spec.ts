import { DAY_MS, systemClock, type TokenEvent } from '@pat/domain';
import { NoticeLog } from '../../../../test/support/notice-log';
import {
  appendToLog,
  outboxMails,
  settableClock,
  startNotifier,
  tokenEvents,
  type NotifierHarness,
} from '../../../../test/support/notifier-harness';
import { tempDataDir } from '../../../../test/support/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/support/webhook-receiver';

const SECRET = 'whsec-instances-0123456789abcdefghij';

describe('several notifier instances on one DATA_DIR', () => {
  let data: ReturnType<typeof tempDataDir>;
  let receiver: WebhookReceiver;
  const notifiers: NotifierHarness[] = [];

  beforeEach(async () => {
    data = tempDataDir('pat-instances');
    receiver = await startWebhookReceiver(SECRET);
  });

  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((notifier) => notifier.close()));
    await receiver.close();
    data.remove();
  });

  const env = (): Record<string, string> => ({ NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_WEBHOOK_SECRET: SECRET });

  it('claim and deliver each of 30 due notices once between them', async () => {
    const generated = new Date('2031-06-01T12:00:00.000Z');
    const log = new NoticeLog();
    const tokenIds = Array.from({ length: 30 }, (_, index) =>
      String(log.living(generated, 30 * DAY_MS + index * 1000).data.tokenId),
    );
    await appendToLog(data.path, log.events);
    const clock = settableClock(generated);
    for (let instance = 0; instance < 3; instance++) {
      notifiers.push(await startNotifier({ dataDir: data.path, clock, env: env() }));
    }

    clock.set(new Date(generated.getTime() + 23 * DAY_MS + 30_000));
    await Promise.all(notifiers.map((notifier) => notifier.worker.runUntilIdle()));
    await Promise.all(notifiers.map((notifier) => notifier.worker.runUntilIdle()));

    expect(outboxMails(data.path)).toHaveLength(30);
    expect(receiver.received).toHaveLength(30);
    expect(new Set(receiver.received.map((hook) => hook.body.tokenId))).toEqual(new Set(tokenIds));
    for (const tokenId of tokenIds) {
      const claims = (await tokenEvents(notifiers[0].store, tokenId)).filter(
        (event: TokenEvent) => event.type === 'ExpiryNoticeSent',
      );
      expect(claims).toHaveLength(1);
    }
  });
});

describe('the notifier wakes at the due time', () => {
  const data = tempDataDir('pat-timer');
  let notifier: NotifierHarness;

  afterAll(async () => {
    await notifier?.close();
    data.remove();
  });

  it('delivers a notice within a second of its due time, though its safety scan is 30 s', async () => {
    notifier = await startNotifier({ dataDir: data.path, clock: systemClock, settings: { safetyScanMs: 30_000 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = new NoticeLog();
    const dueAt = Date.now() + 1500;
    log.generated({ generatedAt: new Date(), expiresAt: new Date(dueAt + 7 * DAY_MS) });
    await appendToLog(data.path, log.events);

    let deliveredAt = 0;
    while (Date.now() < dueAt + 5000 && deliveredAt === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (outboxMails(data.path).length > 0) deliveredAt = Date.now();
    }

    expect(deliveredAt).toBeGreaterThanOrEqual(dueAt);
    expect(deliveredAt - dueAt).toBeLessThan(1000);
  });
});
