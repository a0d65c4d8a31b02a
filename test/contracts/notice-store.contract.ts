import {
  CLAIM_CLOCK_MARGIN_MS,
  DAY_MS,
  REVOCATION_NOTICE_KEY,
  type Clock,
  type LogPosition,
  type NoticeDeliveryQueue,
  type NoticeSchedule,
  type RecordedEvent,
} from '@pat/domain';
import { NoticeLog } from '../support/notice-log';

export interface NoticeStoreSettings {
  thresholdsDays: readonly number[];
  comparePositions: (a: LogPosition, b: LogPosition) => number;
  /** The clock the store reads its start time from. */
  clock: Clock;
}

export interface OpenedNoticeStore {
  schedule: NoticeSchedule;
  queue: NoticeDeliveryQueue;
  /** The same store as another process (or a restarted one) sees it. */
  openAgain: () => Promise<{ schedule: NoticeSchedule; queue: NoticeDeliveryQueue }>;
  /** Closes everything still open and removes what was created. */
  cleanup: () => Promise<void>;
}

const HOUR_MS = 3_600_000;
const STARTED = new Date('2031-06-15T12:00:00.000Z');
const at = (offsetMs: number): Date => new Date(STARTED.getTime() + offsetMs);

/**
 * The behaviour every adapter of NoticeSchedule and NoticeDeliveryQueue must have. Each test
 * opens a fresh store that started at STARTED.
 */
export function describeNoticeStoreContract(
  name: string,
  openStore: (settings: NoticeStoreSettings) => Promise<OpenedNoticeStore>,
): void {
  describe(`NoticeSchedule and NoticeDeliveryQueue contract: ${name}`, () => {
    let opened: OpenedNoticeStore;
    let schedule: NoticeSchedule;
    let queue: NoticeDeliveryQueue;
    let log: NoticeLog;

    beforeEach(async () => {
      opened = await openStore({
        thresholdsDays: [7, 1],
        comparePositions: NoticeLog.comparePositions,
        clock: { now: () => STARTED },
      });
      ({ schedule, queue } = opened);
      log = new NoticeLog();
    });

    afterEach(() => opened.cleanup());

    const applyAll = async (target: NoticeSchedule, events: readonly RecordedEvent[]): Promise<void> => {
      for (const event of events) await target.apply(event);
    };

    /** A 30-day token generated at STARTED: 7-day notice due at +23 d, 1-day at +29 d, expiry at +30 d. */
    const thirtyDayToken = (): { tokenId: string; sevenDays: Date; oneDay: Date; expiry: Date } => {
      const tokenId = String(log.living(STARTED, 30 * DAY_MS).data.tokenId);
      return { tokenId, sevenDays: at(23 * DAY_MS), oneDay: at(29 * DAY_MS), expiry: at(30 * DAY_MS) };
    };

    describe('schedule', () => {
      it('is empty, without a checkpoint, when new', async () => {
        expect(await schedule.checkpoint()).toBeNull();
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
        expect(await schedule.due(at(400 * DAY_MS), 10)).toEqual([]);
        expect(await schedule.pendingCount(STARTED)).toBe(0);
      });

      it("schedules a token's notices and reports it due from its first due time on", async () => {
        const token = thirtyDayToken();
        await applyAll(schedule, log.events);

        expect(await schedule.nextDueAt(STARTED)).toEqual(token.sevenDays);
        expect(await schedule.pendingCount(STARTED)).toBe(2);
        expect(await schedule.due(new Date(token.sevenDays.getTime() - 1), 10)).toEqual([]);
        expect(await schedule.due(token.sevenDays, 10)).toEqual([
          { tokenId: token.tokenId, nextDueAt: token.sevenDays },
        ]);
      });

      it('moves on to the 1-day notice once the 7-day one is sent, and ends after the 1-day one', async () => {
        const token = thirtyDayToken();
        log.noticeSent(token.tokenId, 7, token.sevenDays);
        await applyAll(schedule, log.events);
        expect(await schedule.nextDueAt(STARTED)).toEqual(token.oneDay);
        expect(await schedule.due(at(25 * DAY_MS), 10)).toEqual([]);
        expect(await schedule.pendingCount(STARTED)).toBe(1);

        await schedule.apply(log.noticeSent(token.tokenId, 1, token.oneDay));
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
        expect(await schedule.pendingCount(STARTED)).toBe(0);
      });

      it('holds the notices of a suspended token, and reports them due again once it is reactivated', async () => {
        const token = thirtyDayToken();
        log.suspended(token.tokenId, at(DAY_MS));
        await applyAll(schedule, log.events);
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
        expect(await schedule.due(token.oneDay, 10)).toEqual([]);

        await schedule.apply(log.reactivated(token.tokenId, at(25 * DAY_MS)));
        expect(await schedule.nextDueAt(STARTED)).toEqual(token.sevenDays);
        expect(await schedule.due(at(25 * DAY_MS), 10)).toEqual([
          { tokenId: token.tokenId, nextDueAt: token.sevenDays },
        ]);
        const again = await opened.openAgain();
        expect(await again.schedule.nextDueAt(STARTED)).toEqual(token.sevenDays);
      });

      it('drops the looser notices when a tighter one is sent first', async () => {
        const token = thirtyDayToken();
        log.noticeSent(token.tokenId, 1, at(29.5 * DAY_MS));
        await applyAll(schedule, log.events);
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
      });

      it.each(['revoked', 'expired'] as const)('cancels every notice of a %s token', async (ending) => {
        const token = thirtyDayToken();
        if (ending === 'revoked') log.revoked(token.tokenId, at(DAY_MS));
        else log.expired(token.tokenId, token.expiry);
        await applyAll(schedule, log.events);
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
        expect(await schedule.due(at(29.5 * DAY_MS), 10)).toEqual([]);
      });

      it('schedules nothing for a token that never expires, nor one shorter than every threshold', async () => {
        log.generated({ generatedAt: STARTED, expiresAt: null });
        log.living(STARTED, 12 * HOUR_MS);
        await applyAll(schedule, log.events);
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
        expect(await schedule.due(at(400 * DAY_MS), 10)).toEqual([]);
      });

      it('reports no token at or after its expiry, and the longest due first, up to the limit', async () => {
        const short = String(log.living(STARTED, 2 * DAY_MS).data.tokenId);
        const [first, second, third] = [10, 11, 12].map((days) =>
          String(log.living(STARTED, days * DAY_MS).data.tokenId),
        );
        await applyAll(schedule, log.events);

        expect((await schedule.due(at(2 * DAY_MS - 1), 10)).map((due) => due.tokenId)).toEqual([short]);
        expect(await schedule.due(at(2 * DAY_MS), 10)).toEqual([]);
        expect(await schedule.nextDueAt(at(2 * DAY_MS))).toEqual(at(3 * DAY_MS));
        expect((await schedule.due(at(6 * DAY_MS), 10)).map((due) => due.tokenId)).toEqual([first, second, third]);
        expect((await schedule.due(at(6 * DAY_MS), 2)).map((due) => due.tokenId)).toEqual([first, second]);
        expect(await schedule.pendingCount(at(2 * DAY_MS))).toBe(6);
      });

      it('moves the checkpoint past every event applied, token events or not', async () => {
        thirtyDayToken();
        const other = log.other();
        await applyAll(schedule, log.events);
        expect(await schedule.checkpoint()).toBe(other.position);
      });

      it('never moves the checkpoint backwards', async () => {
        const token = thirtyDayToken();
        const sent = log.noticeSent(token.tokenId, 7, token.sevenDays);
        await applyAll(schedule, log.events);
        await schedule.apply(log.events[0]);
        expect(await schedule.checkpoint()).toBe(sent.position);
      });

      it('changes nothing when events are applied again, duplicated or out of order', async () => {
        const token = thirtyDayToken();
        const sent = log.noticeSent(token.tokenId, 7, token.sevenDays);
        const revoked = log.revoked(token.tokenId, at(24 * DAY_MS));
        await applyAll(schedule, [log.events[0], revoked]);
        expect(await schedule.nextDueAt(STARTED)).toEqual(token.sevenDays);

        await applyAll(schedule, [sent, sent, log.events[0], sent]);
        expect(await schedule.nextDueAt(STARTED)).toEqual(token.oneDay);
        await applyAll(schedule, [revoked, log.events[0], sent]);
        expect(await schedule.nextDueAt(STARTED)).toBeNull();
        expect(await schedule.pendingCount(STARTED)).toBe(0);
      });

      it('is shared: another process applying the same log changes nothing, and sees what the first wrote', async () => {
        const token = thirtyDayToken();
        log.noticeSent(token.tokenId, 7, token.sevenDays);
        const other = await opened.openAgain();
        for (const event of log.events) {
          await schedule.apply(event);
          await other.schedule.apply(event);
        }
        const last = log.events[log.events.length - 1].position;
        expect(await other.schedule.checkpoint()).toBe(last);
        expect(await other.schedule.nextDueAt(STARTED)).toEqual(token.oneDay);
        expect(await queue.queuedCount()).toBe(1);
      });

      it('forgets tokens that expired before a given time', async () => {
        const short = String(log.living(STARTED, 2 * DAY_MS).data.tokenId);
        log.living(STARTED, 30 * DAY_MS);
        await applyAll(schedule, log.events);
        await schedule.prune(at(3 * DAY_MS));
        expect(await schedule.due(at(2 * DAY_MS - 1), 10)).toEqual([]);
        expect(await schedule.pendingCount(STARTED)).toBe(2);
        await schedule.apply(log.noticeSent(short, 1, at(DAY_MS)));
        expect(await queue.queuedCount()).toBe(0);
      });

      it('reports a token revoked as leaked due at once, expiring or not, until its revocation notice is claimed', async () => {
        const expiring = String(log.living(STARTED, 2 * DAY_MS).data.tokenId);
        const forever = String(log.generated({ generatedAt: STARTED, expiresAt: null }).data.tokenId);
        log.leakReported(expiring, at(HOUR_MS));
        log.revoked(expiring, at(HOUR_MS), 'leaked');
        log.revoked(forever, at(2 * HOUR_MS), 'idle');
        await applyAll(schedule, log.events);
        await schedule.prune(at(5 * DAY_MS));
        expect(await schedule.due(at(10 * DAY_MS), 10)).toEqual([
          { tokenId: expiring, nextDueAt: at(HOUR_MS) },
          { tokenId: forever, nextDueAt: at(2 * HOUR_MS) },
        ]);
        expect(await schedule.pendingCount(at(10 * DAY_MS))).toBe(2);
        await applyAll(schedule, [log.revocationNoticeSent(expiring, at(10 * DAY_MS))]);
        expect(await schedule.due(at(10 * DAY_MS), 10)).toEqual([{ tokenId: forever, nextDueAt: at(2 * HOUR_MS) }]);
        expect(await queue.queuedCount()).toBe(1);
        const [delivery] = await queue.lease('host/1/a', at(10 * DAY_MS), 10_000, 10);
        expect(delivery).toMatchObject({ tokenId: expiring, thresholdDays: REVOCATION_NOTICE_KEY, channel: 'outbox' });
      });

      it('answers ping', async () => {
        await expect(schedule.ping()).resolves.toBeUndefined();
      });
    });

    describe('delivery queue', () => {
      const OWNER = 'host/1/a';
      const OTHER = 'host/2/b';
      const LEASE_MS = 10_000;

      /** A claimed 7-day notice of a 30-day token, applied to the schedule. */
      const claimed = async (): Promise<{
        tokenId: string;
        claim: RecordedEvent;
        key: { tokenId: string; thresholdDays: number };
      }> => {
        const token = thirtyDayToken();
        const claim = log.noticeSent(token.tokenId, 7, token.sevenDays, 'outbox+webhook');
        await applyAll(schedule, log.events);
        return { tokenId: token.tokenId, claim, key: { tokenId: token.tokenId, thresholdDays: 7 } };
      };

      it('queues each claim the schedule applies, ready at once', async () => {
        const { tokenId, claim } = await claimed();
        expect(await queue.queuedCount()).toBe(1);
        expect(await queue.nextReadyAt()).not.toBeNull();
        const [delivery] = await queue.lease(OWNER, at(23 * DAY_MS), LEASE_MS, 10);
        expect(delivery).toEqual({
          tokenId,
          thresholdDays: 7,
          noticeId: claim.id,
          channel: 'outbox+webhook',
          claimedAt: at(23 * DAY_MS),
          attempts: 0,
          delivered: [],
          lastError: null,
        });
      });

      it('does not queue a claim made before the store started (beyond the clock margin)', async () => {
        const token = thirtyDayToken();
        log.noticeSent(token.tokenId, 7, at(-CLAIM_CLOCK_MARGIN_MS - 1));
        await applyAll(schedule, log.events);
        expect(await queue.queuedCount()).toBe(0);
        expect(await schedule.nextDueAt(STARTED)).toEqual(token.oneDay);
      });

      it('leases a delivery to one holder at a time, until its lease runs out', async () => {
        const now = at(23 * DAY_MS);
        await claimed();
        const other = await opened.openAgain();
        expect(await queue.lease(OWNER, now, LEASE_MS, 10)).toHaveLength(1);
        expect(await other.queue.lease(OTHER, now, LEASE_MS, 10)).toEqual([]);
        expect(await queue.nextReadyAt()).toEqual(new Date(now.getTime() + LEASE_MS));
        expect(await queue.holders()).toEqual([OWNER]);

        await queue.renew(OWNER, new Date(now.getTime() + 2 * LEASE_MS));
        expect(await other.queue.lease(OTHER, new Date(now.getTime() + LEASE_MS), LEASE_MS, 10)).toEqual([]);
        expect(await other.queue.lease(OTHER, new Date(now.getTime() + 2 * LEASE_MS), LEASE_MS, 10)).toHaveLength(1);
        expect(await queue.holders()).toEqual([OTHER]);
      });

      it('refuses every write of a process that does not hold the lease', async () => {
        const now = at(23 * DAY_MS);
        const { key } = await claimed();
        await queue.lease(OWNER, now, LEASE_MS, 10);
        expect(await queue.recordDelivered(key, OTHER, 'outbox')).toBe(false);
        expect(await queue.retryLater(key, OTHER, 1, now, 'boom')).toBe(false);
        expect(await queue.complete(key, OTHER, 'delivered', now)).toBe(false);
        expect(await queue.queuedCount()).toBe(1);
      });

      it('keeps the channels that accepted, and retries the rest later', async () => {
        const now = at(23 * DAY_MS);
        const { key } = await claimed();
        await queue.lease(OWNER, now, LEASE_MS, 10);
        expect(await queue.recordDelivered(key, OWNER, 'outbox')).toBe(true);
        expect(await queue.retryLater(key, OWNER, 1, new Date(now.getTime() + 2000), 'webhook answered 500')).toBe(
          true,
        );
        expect(await queue.holders()).toEqual([]);
        expect(await queue.nextReadyAt()).toEqual(new Date(now.getTime() + 2000));
        expect(await queue.lease(OWNER, new Date(now.getTime() + 1999), LEASE_MS, 10)).toEqual([]);

        const [retried] = await queue.lease(OTHER, new Date(now.getTime() + 2000), LEASE_MS, 10);
        expect(retried).toMatchObject({ attempts: 1, delivered: ['outbox'], lastError: 'webhook answered 500' });
        expect(await queue.recordDelivered(key, OTHER, 'webhook')).toBe(true);
        expect(await queue.complete(key, OTHER, 'delivered', now)).toBe(true);
        expect(await queue.queuedCount()).toBe(0);
        expect(await queue.nextReadyAt()).toBeNull();
      });

      it('does not queue a completed delivery again when its claim is applied again', async () => {
        const now = at(23 * DAY_MS);
        const { key, claim } = await claimed();
        await queue.lease(OWNER, now, LEASE_MS, 10);
        await queue.complete(key, OWNER, 'delivered', now);
        const fresh = await opened.openAgain();
        await applyAll(fresh.schedule, log.events);
        await fresh.schedule.apply(claim);
        expect(await queue.queuedCount()).toBe(0);
      });

      it('releases the leases of a holder that is gone, so another takes its deliveries at once', async () => {
        const now = at(23 * DAY_MS);
        await claimed();
        await queue.lease(OWNER, now, LEASE_MS, 10);
        expect(await queue.releaseHeldBy(OWNER)).toBe(1);
        expect(await queue.lease(OTHER, now, LEASE_MS, 10)).toHaveLength(1);
      });
    });
  });
}
