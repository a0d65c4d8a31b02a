import { randomUUID } from 'node:crypto';
import {
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type LogPosition,
  type LogSubscription,
  type RecordedEvent,
} from '@pat/domain';
import { OUTCOME_DEADLINE_MS } from '../support/outcome-deadline';

/** One store under test, as an adapter's int-spec opens it. */
export interface OpenedEventStore {
  store: EventStore;
  /** Opens the same log again, as a restarted process would; given by durable adapters. */
  reopen?: () => Promise<EventStore>;
  /** Closes every store still open (the suite may already have closed some) and removes what was created. */
  cleanup: () => Promise<void>;
}

/** How long a test lets a store deliver what it should not, before it says nothing came. */
const QUIET_PERIOD_MS = 300;

/**
 * The behaviour every EventStore adapter must have. Adapter-agnostic: positions are only
 * compared through `comparePositions`, and each test writes to streams of its own, so the
 * store may be shared with other tests or processes.
 */
export function describeEventStoreContract(name: string, openStore: () => Promise<OpenedEventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let opened: OpenedEventStore;
    let store: EventStore;
    const subscriptions: LogSubscription[] = [];

    beforeEach(async () => {
      opened = await openStore();
      store = opened.store;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await opened.cleanup();
    });

    const subscribe = (...args: Parameters<EventStore['subscribeToAll']>): LogSubscription => {
      const subscription = store.subscribeToAll(...args);
      subscriptions.push(subscription);
      return subscription;
    };

    /** Appends a marker to a stream of its own: every later append is after its position. */
    const mark = async (): Promise<LogPosition> =>
      (await store.append(`marker-${randomUUID()}`, [newEvent('Marker')], 'no_stream')).position;

    describe('append', () => {
      it("gives revisions 0..n-1 to a new stream appended with 'no_stream'", async () => {
        const streamId = uniqueStream();
        const events = [newEvent('A'), newEvent('B'), newEvent('C')];

        const result = await store.append(streamId, events, 'no_stream');

        expect(result.nextExpectedRevision).toBe(2);
        const recorded = await store.readStream(streamId);
        expect(recorded.map((event) => [event.id, event.revision, event.streamId])).toEqual([
          [events[0].id, 0, streamId],
          [events[1].id, 1, streamId],
          [events[2].id, 2, streamId],
        ]);
      });

      it('returns a position after everything recorded before and not after its last event', async () => {
        const before = await mark();
        const streamId = uniqueStream();

        const result = await store.append(streamId, [newEvent('A'), newEvent('B')], 'no_stream');

        const recorded = await store.readStream(streamId);
        expect(store.comparePositions(result.position, before)).toBeGreaterThan(0);
        expect(store.comparePositions(result.position, recorded[1].position)).toBeLessThanOrEqual(0);
        expect(store.comparePositions(recorded[0].position, before)).toBeGreaterThan(0);
      });

      it("refuses 'no_stream' when the stream exists", async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');

        const error = await rejectionOf(store.append(streamId, [newEvent('D')], 'no_stream'));

        expectWrongRevision(error, streamId, 'no_stream', 2);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses a stale expected revision', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [newEvent('A')], 'no_stream');
        await store.append(streamId, [newEvent('B')], 0);

        const error = await rejectionOf(store.append(streamId, [newEvent('C')], 0));

        expectWrongRevision(error, streamId, 0, 1);
        expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['A', 'B']);
      });

      it('refuses an expected revision the stream has not reached, and any revision on a missing stream', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [newEvent('A')], 'no_stream');
        const missing = uniqueStream();

        expectWrongRevision(await rejectionOf(store.append(streamId, [newEvent('B')], 5)), streamId, 5, 0);
        expectWrongRevision(await rejectionOf(store.append(missing, [newEvent('B')], 0)), missing, 0, 'no_stream');
        expect(await store.readStream(streamId)).toHaveLength(1);
        expect(await store.readStream(missing)).toEqual([]);
      });

      it('appends with the right expected revision', async () => {
        const streamId = uniqueStream();
        const first = await store.append(streamId, [newEvent('A'), newEvent('B')], 'no_stream');

        const second = await store.append(streamId, [newEvent('C'), newEvent('D')], first.nextExpectedRevision);

        expect(second.nextExpectedRevision).toBe(3);
        expect(store.comparePositions(second.position, first.position)).toBeGreaterThan(0);
        const recorded = await store.readStream(streamId);
        expect(recorded.map((event) => [event.type, event.revision])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
          ['D', 3],
        ]);
      });

      it('answers a retried append (same event ids, same expectation) as the first one, without duplicates', async () => {
        const streamId = uniqueStream();
        const created = [newEvent('A'), newEvent('B')];
        const first = await store.append(streamId, created, 'no_stream');
        const retriedFirst = await store.append(streamId, created, 'no_stream');

        const continued = [newEvent('C')];
        const second = await store.append(streamId, continued, 1);
        const retriedSecond = await store.append(streamId, continued, 1);

        expectSameResult(store, retriedFirst, first);
        expectSameResult(store, retriedSecond, second);
        const recorded = await store.readStream(streamId);
        expect(recorded.map((event) => event.id)).toEqual([...created, ...continued].map((event) => event.id));
      });

      it('still recognises a retried append after another writer has moved the stream on', async () => {
        const streamId = uniqueStream();
        const created = [newEvent('A')];
        const first = await store.append(streamId, created, 'no_stream');
        await store.append(streamId, [newEvent('B')], 0);

        const retried = await store.append(streamId, created, 'no_stream');

        expectSameResult(store, retried, first);
        expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['A', 'B']);
      });

      it('treats an append whose event ids differ from the recorded ones as a conflict, not a retry', async () => {
        const streamId = uniqueStream();
        const [a, b] = [newEvent('A'), newEvent('B')];
        await store.append(streamId, [a, b], 'no_stream');

        const changedSecond = await rejectionOf(store.append(streamId, [a, newEvent('X')], 'no_stream'));
        const longer = await rejectionOf(store.append(streamId, [a, b, newEvent('Y')], 'no_stream'));

        expectWrongRevision(changedSecond, streamId, 'no_stream', 1);
        expectWrongRevision(longer, streamId, 'no_stream', 1);
        expect((await store.readStream(streamId)).map((event) => event.id)).toEqual([a.id, b.id]);
      });

      it.each<[string, ExpectedRevision | null]>([
        ['an existing stream at the same revision', 0],
        ["a new stream with 'no_stream'", null],
      ])('lets exactly one of 20 concurrent appends to %s win', async (_case, revision) => {
        const streamId = uniqueStream();
        if (revision !== null) await store.append(streamId, [newEvent('Seed')], 'no_stream');
        const expected: ExpectedRevision = revision ?? 'no_stream';
        const racers = Array.from({ length: 20 }, (_, index) => newEvent(`Racer${index}`));

        const outcomes = await Promise.allSettled(racers.map((event) => store.append(streamId, [event], expected)));

        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [racers[index]] : []));
        const losers = outcomes.flatMap((outcome) =>
          outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
        );
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(19);
        for (const error of losers) expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        const recorded = await store.readStream(streamId);
        expect(recorded.map((event) => event.id)).toEqual(
          revision === null ? [winners[0].id] : [recorded[0].id, winners[0].id],
        );
      });
    });

    describe('readStream', () => {
      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });

      it('round-trips id, type, data and metadata and records the time', async () => {
        const streamId = uniqueStream();
        const event: EventToAppend = {
          id: randomUUID(),
          type: 'TokenGenerated',
          data: {
            text: 'Grüße, 東京 🚀 "quoted" \\ back',
            integer: 42,
            fraction: -0.125,
            flag: false,
            nothing: null,
            list: [1, 'two', { three: 3 }],
            nested: { deeper: { empty: {}, emptyList: [] } },
          },
          metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'user:alice' },
        };
        const before = Date.now();

        await store.append(streamId, [event], 'no_stream');

        const after = Date.now();
        const [recorded] = await store.readStream(streamId);
        expect(recorded).toMatchObject({
          id: event.id,
          streamId,
          revision: 0,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
        });
        expect(recorded.recordedAt).toBeInstanceOf(Date);
        expect(recorded.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(recorded.recordedAt.getTime()).toBeLessThanOrEqual(after + 1000);
        expect(typeof recorded.position).toBe('string');
      });

      it('returns only the events of the stream asked for, oldest first', async () => {
        const [mine, theirs] = [uniqueStream(), uniqueStream()];
        await store.append(mine, [newEvent('M0')], 'no_stream');
        await store.append(theirs, [newEvent('T0')], 'no_stream');
        await store.append(mine, [newEvent('M1')], 0);

        const recorded = await store.readStream(mine);

        expect(recorded.map((event) => [event.streamId, event.type, event.revision])).toEqual([
          [mine, 'M0', 0],
          [mine, 'M1', 1],
        ]);
        expect(store.comparePositions(recorded[0].position, recorded[1].position)).toBeLessThan(0);
      });
    });

    describe('readAll and comparePositions', () => {
      /** Writes interleaved `pat-<run>-…` and `other-<run>-…` streams; returns them in log order. */
      const writeInterleaved = async (run: string): Promise<RecordedEvent[]> => {
        const [a, b, other] = [`pat-${run}-a`, `pat-${run}-b`, `other-${run}-c`];
        await store.append(a, [newEvent('A0'), newEvent('A1')], 'no_stream');
        await store.append(other, [newEvent('O0')], 'no_stream');
        await store.append(b, [newEvent('B0')], 'no_stream');
        await store.append(a, [newEvent('A2')], 1);
        await store.append(other, [newEvent('O1')], 0);
        await store.append(b, [newEvent('B1')], 0);
        const streams = await Promise.all([a, b, other].map((streamId) => store.readStream(streamId)));
        return streams.flat().sort((x, y) => store.comparePositions(x.position, y.position));
      };
      const ours = (run: string) => (event: RecordedEvent) => event.streamId.includes(run);

      it('returns the log in append order after the given position (exclusive)', async () => {
        const run = randomUUID();
        const start = await mark();
        await writeInterleaved(run);

        const all = (await store.readAll(start, 1000)).filter(ours(run));

        expect(all.map((event) => event.type)).toEqual(['A0', 'A1', 'O0', 'B0', 'A2', 'O1', 'B1']);
        const fromThird = (await store.readAll(all[2].position, 1000)).filter(ours(run));
        expect(fromThird.map((event) => event.type)).toEqual(['B0', 'A2', 'O1', 'B1']);
        const fromLast = (await store.readAll(all[6].position, 1000)).filter(ours(run));
        expect(fromLast).toEqual([]);
      });

      it('reads from the start of the log with null', async () => {
        await mark();
        await mark();
        const first = await store.readAll(null, 1);
        const second = await store.readAll(first[0].position, 1);

        expect(first).toHaveLength(1);
        expect(second).toHaveLength(1);
        expect(store.comparePositions(first[0].position, second[0].position)).toBeLessThan(0);
        expect((await store.readAll(null, 2)).map((event) => event.id)).toEqual([first[0].id, second[0].id]);
      });

      it('honours the limit', async () => {
        const run = randomUUID();
        const start = await mark();
        await writeInterleaved(run);

        const page = await store.readAll(start, 3, { streamPrefix: `pat-${run}` });
        const next = await store.readAll(page[2].position, 3, { streamPrefix: `pat-${run}` });
        const rest = await store.readAll(next[1].position, 3, { streamPrefix: `pat-${run}` });

        expect(page.map((event) => event.type)).toEqual(['A0', 'A1', 'B0']);
        expect(next.map((event) => event.type)).toEqual(['A2', 'B1']);
        expect(rest).toEqual([]);
        expect(await store.readAll(start, 1)).toHaveLength(1);
      });

      it('returns only streams that start with the prefix', async () => {
        const run = randomUUID();
        const start = await mark();
        await writeInterleaved(run);

        const pat = await store.readAll(start, 1000, { streamPrefix: 'pat-' });
        const other = await store.readAll(start, 1000, { streamPrefix: `other-${run}` });
        const none = await store.readAll(start, 1000, { streamPrefix: `absent-${run}` });

        expect(pat.every((event) => event.streamId.startsWith('pat-'))).toBe(true);
        expect(pat.filter(ours(run)).map((event) => event.type)).toEqual(['A0', 'A1', 'B0', 'A2', 'B1']);
        expect(other.map((event) => event.type)).toEqual(['O0', 'O1']);
        expect(none).toEqual([]);
      });

      it('returns the same events as readStream, position for position', async () => {
        const run = randomUUID();
        const start = await mark();
        const byStreams = await writeInterleaved(run);

        const all = (await store.readAll(start, 1000)).filter(ours(run));

        expect(all).toEqual(byStreams);
      });

      it('orders positions as readAll does', async () => {
        const run = randomUUID();
        const start = await mark();
        const many = Array.from({ length: 12 }, (_, index) => newEvent(`M${index}`));
        for (const [index, event] of many.entries()) {
          await store.append(`pat-${run}-many`, [event], index === 0 ? 'no_stream' : index - 1);
        }
        await writeInterleaved(run);
        const all = [start, ...(await store.readAll(start, 1000)).filter(ours(run)).map((event) => event.position)];

        for (let i = 0; i < all.length; i++) {
          expect(store.comparePositions(all[i], all[i])).toBe(0);
          for (let j = i + 1; j < all.length; j++) {
            expect(store.comparePositions(all[i], all[j])).toBeLessThan(0);
            expect(store.comparePositions(all[j], all[i])).toBeGreaterThan(0);
          }
        }
      });
    });

    describe('headPosition', () => {
      const lastOf = async (streamId: string): Promise<LogPosition> => {
        const recorded = await store.readStream(streamId);
        return recorded[recorded.length - 1].position;
      };
      const expectSamePosition = (actual: LogPosition | null, expected: LogPosition): void => {
        expect(actual).not.toBeNull();
        expect(store.comparePositions(actual!, expected)).toBe(0);
      };

      it('is null for a prefix no stream has', async () => {
        await mark();

        expect(await store.headPosition({ streamPrefix: `absent-${randomUUID()}` })).toBeNull();
      });

      it("is the last event of the prefix's streams, whatever other streams record after it", async () => {
        const run = randomUUID();
        const [a, b, other] = [`head-${run}-a`, `head-${run}-b`, `other-${run}`];
        const prefix = { streamPrefix: `head-${run}` };
        await store.append(a, [newEvent('A0'), newEvent('A1')], 'no_stream');
        expectSamePosition(await store.headPosition(prefix), await lastOf(a));

        await store.append(other, [newEvent('O0')], 'no_stream');
        expectSamePosition(await store.headPosition(prefix), await lastOf(a));
        await store.append(b, [newEvent('B0')], 'no_stream');
        await store.append(other, [newEvent('O1')], 0);
        expectSamePosition(await store.headPosition(prefix), await lastOf(b));
        expectSamePosition(await store.headPosition(prefix), await lastOf(b));
        expectSamePosition(await store.headPosition({ streamPrefix: `other-${run}` }), await lastOf(other));
      });

      it('looks past many events of other streams', async () => {
        const run = randomUUID();
        const ours = `head-${run}`;
        await store.append(ours, [newEvent('Ours')], 'no_stream');
        const head = await store.headPosition({ streamPrefix: ours });
        const others = `other-${run}`;
        for (let index = 0; index < 150; index++) {
          await store.append(others, [newEvent(`O${index}`)], index === 0 ? 'no_stream' : index - 1);
          if (index === 20) expectSamePosition(await store.headPosition({ streamPrefix: ours }), head!);
        }

        expectSamePosition(await store.headPosition({ streamPrefix: ours }), await lastOf(ours));
        expectSamePosition(await store.headPosition({ streamPrefix: ours }), head!);
      });

      it('without a prefix, is at or after the last append', async () => {
        const appended = await mark();

        const head = await store.headPosition();

        expect(head).not.toBeNull();
        expect(store.comparePositions(head!, appended)).toBeGreaterThanOrEqual(0);
      });

      it('is where a subscription with the same prefix stands once it has caught up', async () => {
        const run = randomUUID();
        const prefix = `head-${run}`;
        await store.append(`${prefix}-a`, [newEvent('A0'), newEvent('A1')], 'no_stream');
        await store.append(`other-${run}`, [newEvent('O0')], 'no_stream');
        const received: RecordedEvent[] = [];

        const subscription = subscribe(null, (event) => void received.push(event), { streamPrefix: prefix });
        await subscription.caughtUp;

        expectSamePosition(await store.headPosition({ streamPrefix: prefix }), received[received.length - 1].position);
      });
    });

    describe('subscribeToAll', () => {
      it('delivers every existing event in order, resolves caughtUp, then delivers new events live', async () => {
        const run = randomUUID();
        const [a, b, other] = [`pat-${run}-a`, `pat-${run}-b`, `other-${run}`];
        await store.append(a, [newEvent('A0'), newEvent('A1')], 'no_stream');
        await store.append(other, [newEvent('O0')], 'no_stream');
        await store.append(b, [newEvent('B0')], 'no_stream');
        const received: RecordedEvent[] = [];

        const subscription = subscribe(null, (event) => void received.push(event), { streamPrefix: `pat-${run}` });
        await subscription.caughtUp;

        expect(received.map((event) => event.type)).toEqual(['A0', 'A1', 'B0']);
        expect(received).toEqual(await store.readAll(null, 1000, { streamPrefix: `pat-${run}` }));
        await store.append(a, [newEvent('A2')], 1);
        await store.append(other, [newEvent('O1')], 0);
        await store.append(b, [newEvent('B1')], 0);
        await waitUntil(() => received.some((event) => event.type === 'B1'), OUTCOME_DEADLINE_MS);
        // In log order, so O1 would have come before B1.
        expect(received.map((event) => event.type)).toEqual(['A0', 'A1', 'B0', 'A2', 'B1']);
        expect(received).toEqual(await store.readAll(null, 1000, { streamPrefix: `pat-${run}` }));
      });

      it('resolves caughtUp when there is nothing to catch up with', async () => {
        const subscription = subscribe(null, () => undefined, { streamPrefix: `absent-${randomUUID()}` });

        await expect(withTimeout(subscription.caughtUp, OUTCOME_DEADLINE_MS)).resolves.toBeUndefined();
      });

      it('delivers only the events after the given position, unfiltered too', async () => {
        const run = randomUUID();
        const stream = `pat-${run}`;
        await store.append(stream, [newEvent('E0'), newEvent('E1')], 'no_stream');
        const [, second] = await store.readStream(stream);
        await store.append(stream, [newEvent('E2')], 1);
        await store.append(`other-${run}`, [newEvent('O0')], 'no_stream');
        const received: RecordedEvent[] = [];

        const subscription = subscribe(second.position, (event) => {
          if (event.streamId.endsWith(run)) received.push(event);
        });
        await subscription.caughtUp;
        await store.append(stream, [newEvent('E3')], 2);
        await waitUntil(() => received.length >= 3, OUTCOME_DEADLINE_MS);

        expect(received.map((event) => event.type)).toEqual(['E2', 'O0', 'E3']);
        for (const event of received)
          expect(store.comparePositions(event.position, second.position)).toBeGreaterThan(0);
      });

      it('hands an event whose handler failed to the handler again, skipping nothing, and reports the error', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent('E0'), newEvent('E1'), newEvent('E2')], 'no_stream');
        const attempts: string[] = [];
        const handled: string[] = [];
        const errors: unknown[] = [];
        const failure = new Error('handler failed once');
        let failed = false;

        subscribe(
          null,
          (event) => {
            attempts.push(event.type);
            if (event.type === 'E1' && !failed) {
              failed = true;
              throw failure;
            }
            handled.push(event.type);
          },
          { streamPrefix: stream, onError: (error) => errors.push(error) },
        );
        await waitUntil(() => handled.length >= 3, OUTCOME_DEADLINE_MS);
        await store.append(stream, [newEvent('E3')], 2);
        await waitUntil(() => handled.length >= 4, OUTCOME_DEADLINE_MS);

        expect(handled).toEqual(['E0', 'E1', 'E2', 'E3']);
        expect(attempts).toEqual(['E0', 'E1', 'E1', 'E2', 'E3']);
        expect(errors).toContain(failure);
      });

      it('retries an async handler that rejects, in order', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent('E0'), newEvent('E1')], 'no_stream');
        const handled: string[] = [];
        let failures = 0;

        const subscription = subscribe(
          null,
          async (event) => {
            await sleep(5);
            if (event.type === 'E0' && failures < 2) {
              failures++;
              throw new Error('rejected');
            }
            handled.push(event.type);
          },
          { streamPrefix: stream, onError: () => undefined },
        );
        await withTimeout(subscription.caughtUp, OUTCOME_DEADLINE_MS);

        expect(handled).toEqual(['E0', 'E1']);
        expect(failures).toBe(2);
      });

      it('stops delivering once closed', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent('E0')], 'no_stream');
        const received: string[] = [];
        const subscription = subscribe(null, (event) => void received.push(event.type), { streamPrefix: stream });
        await subscription.caughtUp;

        await subscription.close();
        await store.append(stream, [newEvent('E1')], 0);
        await sleep(QUIET_PERIOD_MS);

        expect(received).toEqual(['E0']);
      });

      it('closes while a handler is running: waits for it, then delivers nothing more', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent('E0')], 'no_stream');
        const received: string[] = [];
        let release = (): void => undefined;
        const handlerRunning = new Promise<void>((started) => {
          subscribe(
            null,
            async (event) => {
              received.push(event.type);
              started();
              await new Promise<void>((resume) => (release = resume));
            },
            { streamPrefix: stream },
          );
        });
        await withTimeout(handlerRunning, OUTCOME_DEADLINE_MS);

        const closing = subscriptions[subscriptions.length - 1].close();
        release();
        await withTimeout(closing, OUTCOME_DEADLINE_MS);
        await store.append(stream, [newEvent('E1')], 0);
        await sleep(QUIET_PERIOD_MS);

        expect(received).toEqual(['E0']);
      });

      it('keeps other subscriptions running when one is closed', async () => {
        const stream = uniqueStream();
        const [first, second]: string[][] = [[], []];
        const closed = subscribe(null, (event) => void first.push(event.type), { streamPrefix: stream });
        const open = subscribe(null, (event) => void second.push(event.type), { streamPrefix: stream });
        await Promise.all([closed.caughtUp, open.caughtUp]);

        await closed.close();
        await store.append(stream, [newEvent('E0')], 'no_stream');
        await waitUntil(() => second.length >= 1, OUTCOME_DEADLINE_MS);
        await sleep(QUIET_PERIOD_MS);

        expect(first).toEqual([]);
        expect(second).toEqual(['E0']);
      });
    });

    describe('durability', () => {
      it('keeps every event, revision and position across close and reopen', async () => {
        const reopen = opened.reopen;
        if (reopen === undefined) return; // Not a durable adapter: nothing outlives close().
        const run = randomUUID();
        const start = await mark();
        const [a, b] = [`pat-${run}-a`, `pat-${run}-b`];
        await store.append(a, [newEvent('A0'), newEvent('A1')], 'no_stream');
        await store.append(b, [newEvent('B0')], 'no_stream');
        const streamA = await store.readStream(a);
        const log = await store.readAll(start, 1000, { streamPrefix: `pat-${run}` });
        await store.close();

        const reopened = await reopen();
        try {
          expect(await reopened.readStream(a)).toEqual(streamA);
          expect(await reopened.readAll(start, 1000, { streamPrefix: `pat-${run}` })).toEqual(log);
          expectWrongRevision(await rejectionOf(reopened.append(a, [newEvent('X')], 'no_stream')), a, 'no_stream', 1);
          const next = await reopened.append(a, [newEvent('A2')], 1);
          expect(next.nextExpectedRevision).toBe(2);
          expect(reopened.comparePositions(next.position, log[2].position)).toBeGreaterThan(0);
          const received: string[] = [];
          const subscription = reopened.subscribeToAll(null, (event) => void received.push(event.type), {
            streamPrefix: `pat-${run}`,
          });
          await subscription.caughtUp;
          await subscription.close();
          expect(received).toEqual(['A0', 'A1', 'B0', 'A2']);
        } finally {
          await reopened.close();
        }
      });
    });

    describe('ping and failures', () => {
      it('resolves while the store is open', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('reports failures through the returned promise once closed, ping with StoreUnavailableError', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [newEvent('A')], 'no_stream');
        await store.close();

        await expect(promiseOf(() => store.ping())).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(promiseOf(() => store.readStream(streamId))).rejects.toBeInstanceOf(Error);
        await expect(promiseOf(() => store.readAll(null, 10))).rejects.toBeInstanceOf(Error);
        await expect(promiseOf(() => store.headPosition())).rejects.toBeInstanceOf(Error);
        await expect(promiseOf(() => store.append(streamId, [newEvent('B')], 0))).rejects.toBeInstanceOf(Error);
      });
    });
  });
}

export function uniqueStream(): string {
  return `pat-${randomUUID()}`;
}

export function newEvent(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: { ...data, type },
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'contract-test' },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds; rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Not settled within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The promise `call` returns; a synchronous throw, which no caller of a Promise API expects, fails the test. */
function promiseOf<T>(call: () => Promise<T>): Promise<T> {
  let promise: Promise<T>;
  try {
    promise = call();
  } catch (error) {
    throw new Error(`Threw synchronously instead of returning a rejected promise: ${String(error)}`);
  }
  return promise;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

function expectWrongRevision(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): void {
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ streamId, expected, actual });
}

function expectSameResult(store: EventStore, actual: AppendResult, expected: AppendResult): void {
  expect(actual.nextExpectedRevision).toBe(expected.nextExpectedRevision);
  expect(store.comparePositions(actual.position, expected.position)).toBe(0);
}
