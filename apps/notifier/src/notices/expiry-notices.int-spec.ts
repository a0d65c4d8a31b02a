import { DAY_MS } from '@pat/domain';
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

const HOUR_MS = 3_600_000;
const GENERATED = new Date('2031-06-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(ms);

/**
 * The timing rules of SPEC §6 through the whole notifier (schedule on SQLite, claims on the
 * event log, the outbox channel), with its clock injected: the test moves the clock and lets
 * the notifier run until it has nothing left to do at that instant.
 */
describe('expiry notices through the notifier, with an injected clock', () => {
  let data: ReturnType<typeof tempDataDir>;
  let notifier: NotifierHarness | null;
  const clock = settableClock(GENERATED);

  beforeEach(() => {
    data = tempDataDir('pat-notices');
    notifier = null;
    clock.set(GENERATED);
  });

  afterEach(async () => {
    await notifier?.close();
    data.remove();
  });

  /** A token generated at GENERATED, living `lifetimeMs`, written to the log before the notifier starts. */
  async function givenToken(lifetimeMs: number): Promise<{ tokenId: string; expiry: number; log: NoticeLog }> {
    const log = new NoticeLog();
    const tokenId = String(log.living(GENERATED, lifetimeMs).data.tokenId);
    await appendToLog(data.path, log.events);
    return { tokenId, expiry: GENERATED.getTime() + lifetimeMs, log };
  }

  const start = async (): Promise<NotifierHarness> => {
    notifier = await startNotifier({ dataDir: data.path, clock });
    return notifier;
  };

  /** Moves the clock, lets the notifier run, and answers the outbox's notices as `<days>d`. */
  async function noticesAt(instant: Date): Promise<string[]> {
    clock.set(instant);
    await notifier!.worker.runUntilIdle();
    return outboxMails(data.path).map((mail) => /-(\d+d)\.eml$/.exec(mail.file)![1]);
  }

  const noticesInStream = async (tokenId: string): Promise<number[]> =>
    (await tokenEvents(notifier!.store, tokenId)).flatMap((event) =>
      event.type === 'ExpiryNoticeSent' ? [event.data.thresholdDays] : [],
    );

  it('sends a 30-day token the 7-day notice at T−7 d and the 1-day notice at T−1 d', async () => {
    const { tokenId, expiry } = await givenToken(30 * DAY_MS);
    await start();

    expect(await noticesAt(at(expiry - 7 * DAY_MS - 1000))).toEqual([]);
    expect(await noticesAt(at(expiry - 7 * DAY_MS))).toEqual(['7d']);
    expect(await noticesAt(at(expiry - DAY_MS - 1000))).toEqual(['7d']);
    expect(await noticesAt(at(expiry - DAY_MS))).toEqual(['7d', '1d']);
    expect(await noticesAt(at(expiry + HOUR_MS))).toEqual(['7d', '1d']);
    expect(await noticesInStream(tokenId)).toEqual([7, 1]);
    const [seven, one] = outboxMails(data.path);
    expect(seven.message.headers.get('subject')).toMatch(/expires in 7 days$/);
    expect(one.message.headers.get('subject')).toMatch(/expires in 1 day$/);
  });

  it('sends a 3-day token only the 1-day notice', async () => {
    const { tokenId, expiry } = await givenToken(3 * DAY_MS);
    await start();

    expect(await noticesAt(at(expiry - 2 * DAY_MS))).toEqual([]);
    expect(await noticesAt(at(expiry - DAY_MS))).toEqual(['1d']);
    expect(await noticesAt(at(expiry + HOUR_MS))).toEqual(['1d']);
    expect(await noticesInStream(tokenId)).toEqual([1]);
  });

  it('sends a 12-hour token nothing', async () => {
    const { tokenId, expiry } = await givenToken(12 * HOUR_MS);
    await start();

    for (const instant of [GENERATED.getTime(), expiry - HOUR_MS, expiry - 1, expiry + HOUR_MS]) {
      expect(await noticesAt(at(instant))).toEqual([]);
    }
    expect(await noticesInStream(tokenId)).toEqual([]);
  });

  it('sends nothing to a token revoked before a notice is due', async () => {
    const { tokenId, expiry, log } = await givenToken(30 * DAY_MS);
    await start();
    expect(await noticesAt(at(GENERATED.getTime() + DAY_MS))).toEqual([]);

    await appendToLog(data.path, [log.revoked(tokenId, at(GENERATED.getTime() + DAY_MS))]);

    for (const instant of [expiry - 7 * DAY_MS, expiry - DAY_MS, expiry - HOUR_MS]) {
      expect(await noticesAt(at(instant))).toEqual([]);
    }
    expect(await noticesInStream(tokenId)).toEqual([]);
  });

  it('after an outage spanning both due times, sends only the 1-day notice', async () => {
    const { tokenId, expiry } = await givenToken(30 * DAY_MS);
    clock.set(at(expiry - 12 * HOUR_MS));
    await start();

    expect(await noticesAt(at(expiry - 12 * HOUR_MS))).toEqual(['1d']);
    expect(await noticesAt(at(expiry + HOUR_MS))).toEqual(['1d']);
    expect(await noticesInStream(tokenId)).toEqual([1]);
    expect(outboxMails(data.path)[0].message.headers.get('subject')).toMatch(/expires in 1 day$/);
  });

  it('sends nothing after the expiry, even when the notifier first runs then', async () => {
    const { tokenId, expiry } = await givenToken(30 * DAY_MS);
    clock.set(at(expiry));
    await start();

    expect(await noticesAt(at(expiry))).toEqual([]);
    expect(await noticesAt(at(expiry + 2 * DAY_MS))).toEqual([]);
    expect(await noticesInStream(tokenId)).toEqual([]);
  });

  it('keeps its schedule across a restart, and does not send again what it sent before', async () => {
    const { tokenId, expiry } = await givenToken(30 * DAY_MS);
    await start();
    expect(await noticesAt(at(expiry - 7 * DAY_MS))).toEqual(['7d']);
    await notifier!.close();

    await start();
    expect(await noticesAt(at(expiry - 2 * DAY_MS))).toEqual(['7d']);
    expect(await noticesAt(at(expiry - DAY_MS))).toEqual(['7d', '1d']);
    expect(await noticesInStream(tokenId)).toEqual([7, 1]);
  });
});
