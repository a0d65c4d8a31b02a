import { DAY_MS, systemClock, type Clock, type TokenEvent } from '@pat/domain';
import { eventually } from '../../../../test/support/outcome-deadline';
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

/** Longer than any test waits: a notice delivered was found neither by the safety scan nor after the idle retry. */
const NEVER_MS = 10 * 60_000;

/** A clock that reads `instants` one by one, then stays at the last; `readNext` gives it new ones. */
function scriptedClock(start: Date): Clock & { readNext(...instants: Date[]): void } {
  let instants = [start];
  return {
    now: () => (instants.length > 1 ? instants.shift()! : instants[0]),
    readNext: (...next) => {
      instants = next;
    },
  };
}

describe('the notifier wakes at the due time', () => {
  let data: ReturnType<typeof tempDataDir>;
  let notifier: NotifierHarness | null = null;

  beforeEach(() => {
    data = tempDataDir('pat-timer');
  });

  afterEach(async () => {
    await notifier?.close();
    notifier = null;
    data.remove();
  });

  const claims = async (tokenId: string): Promise<TokenEvent[]> =>
    (await tokenEvents(notifier!.store, tokenId)).filter((event) => event.type === 'ExpiryNoticeSent');

  it('delivers a notice once it is due, woken by its timer rather than the safety scan', async () => {
    notifier = await startNotifier({
      dataDir: data.path,
      clock: systemClock,
      settings: { safetyScanMs: NEVER_MS, idleRetryMs: NEVER_MS },
    });
    const log = new NoticeLog();
    const dueAt = Date.now() + 500;
    const tokenId = String(
      log.generated({ generatedAt: new Date(), expiresAt: new Date(dueAt + 7 * DAY_MS) }).data.tokenId,
    );
    await appendToLog(data.path, log.events);

    await eventually(() => Promise.resolve(outboxMails(data.path).length > 0));

    const [claim] = await claims(tokenId);
    expect(claim?.type === 'ExpiryNoticeSent' && Date.parse(claim.data.sentAt)).toBeGreaterThanOrEqual(dueAt);
    expect(outboxMails(data.path)).toHaveLength(1);
  });

  it('passes again at once, not after the idle retry, when its timer fired just before the due time', async () => {
    const start = new Date('2031-06-01T12:00:00.000Z');
    const dueAt = new Date(start.getTime() + 60 * 60_000);
    const log = new NoticeLog();
    const tokenId = String(
      log.generated({ generatedAt: start, expiresAt: new Date(dueAt.getTime() + 7 * DAY_MS) }).data.tokenId,
    );
    await appendToLog(data.path, log.events);
    const clock = scriptedClock(start);
    notifier = await startNotifier({
      dataDir: data.path,
      clock,
      settings: { safetyScanMs: NEVER_MS, idleRetryMs: NEVER_MS },
    });
    await notifier.worker.runPass();

    // The pass reads the clock first 1 ms before the due time (nothing is due yet), then at it.
    clock.readNext(new Date(dueAt.getTime() - 1), dueAt);
    await notifier.worker.runPass();
    await eventually(() => Promise.resolve(outboxMails(data.path).length > 0));

    expect(await claims(tokenId)).toHaveLength(1);
    expect(outboxMails(data.path)).toHaveLength(1);
  });
});
