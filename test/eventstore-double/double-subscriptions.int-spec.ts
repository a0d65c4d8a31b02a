import { randomUUID } from 'node:crypto';
import {
  END,
  EventStoreDBClient,
  eventTypeFilter,
  jsonEvent,
  NO_STREAM,
  START,
  streamNameFilter,
  type AllStreamSubscription,
  type EventData,
  type Filter,
  type Position,
  type StreamSubscription,
} from '@eventstore/db-client';
import { sleep, waitUntil } from '../contracts/event-store.contract';
import { OUTCOME_DEADLINE_MS } from '../support/outcome-deadline';
import { EventStoreDouble } from './eventstore-double';

let double: EventStoreDouble;
let client: EventStoreDBClient;

beforeAll(async () => {
  double = new EventStoreDouble();
  await double.start();
  client = EventStoreDBClient.connectionString(double.connectionString);
});

afterAll(async () => {
  await client.dispose();
  await double.stop();
});

const event = (type: string): EventData => jsonEvent({ type, data: {} });

/** What a subscription delivered, and how many events it had pushed when it reported caught up. */
interface Followed {
  types: string[];
  positions: Position[];
  caughtUpAfter: number[];
  checkpoints: Position[];
  /** Events pushed before the confirmation, or null before it came. */
  confirmedAfter: number | null;
  errors: Error[];
  subscription: AllStreamSubscription | StreamSubscription;
}

function follow(subscription: AllStreamSubscription | StreamSubscription, checkpoints: Position[] = []): Followed {
  const followed: Followed = {
    types: [],
    positions: [],
    caughtUpAfter: [],
    checkpoints,
    confirmedAfter: null,
    errors: [],
    subscription,
  };
  subscription.on(
    'confirmation',
    () => (followed.confirmedAfter = followed.types.length + subscription.readableLength),
  );
  subscription.on('data', (resolved) => {
    followed.types.push(resolved.event?.type ?? '?');
    if (resolved.event?.position !== undefined) followed.positions.push(resolved.event.position);
  });
  subscription.on('caughtUp', () => followed.caughtUpAfter.push(followed.types.length + subscription.readableLength));
  subscription.on('error', (error) => followed.errors.push(error));
  return followed;
}

function subscribeAll(
  filter: Filter | undefined,
  fromPosition: Position | typeof START | typeof END = START,
): Followed {
  const checkpoints: Position[] = [];
  const withCheckpoints = filter && {
    ...filter,
    checkpointReached: (_: unknown, position: Position) => void checkpoints.push(position),
  };
  return follow(client.subscribeToAll({ fromPosition, filter: withCheckpoints }), checkpoints);
}

/** Reads to the end: a read left unfinished keeps its call open and the client's dispose() waiting. */
async function lastPosition(): Promise<Position> {
  let last: Position = { commit: 0n, prepare: 0n };
  for await (const resolved of client.readAll({ fromPosition: END, direction: 'backwards', maxCount: 1 })) {
    if (resolved.event !== undefined) last = resolved.event.position;
  }
  return last;
}

describe('EventStoreDB test server: subscriptions to $all', () => {
  it('sends the matching history, caught up, then live events; by stream prefix', async () => {
    const run = randomUUID();
    await client.appendToStream(`${run}-a`, [event('A0'), event('A1')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`other-${run}`, [event('O0')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`${run}-b`, [event('B0')], { expectedRevision: NO_STREAM });

    const followed = subscribeAll(streamNameFilter({ prefixes: [`${run}-`] }));
    await waitUntil(() => followed.caughtUpAfter.length > 0, OUTCOME_DEADLINE_MS);
    await client.appendToStream(`${run}-a`, [event('A2')], { expectedRevision: 1n });
    await client.appendToStream(`other-${run}`, [event('O1')], { expectedRevision: 0n });
    await waitUntil(() => followed.types.length >= 4, OUTCOME_DEADLINE_MS);
    await sleep(100);
    await followed.subscription.unsubscribe();

    expect(followed.confirmedAfter).toBe(0);
    expect(followed.caughtUpAfter).toEqual([3]);
    expect(followed.types).toEqual(['A0', 'A1', 'B0', 'A2']);
    expect(followed.errors).toEqual([]);
  });

  it('starts after the position given (exclusive), and from the end with nothing to catch up', async () => {
    const run = randomUUID();
    await client.appendToStream(run, [event('E0'), event('E1'), event('E2')], { expectedRevision: NO_STREAM });
    const positions = subscribeAll(streamNameFilter({ prefixes: [run] }));
    await waitUntil(() => positions.caughtUpAfter.length > 0, OUTCOME_DEADLINE_MS);

    const afterSecond = subscribeAll(streamNameFilter({ prefixes: [run] }), positions.positions[1]);
    const fromEnd = subscribeAll(streamNameFilter({ prefixes: [run] }), END);
    await waitUntil(
      () => afterSecond.caughtUpAfter.length > 0 && fromEnd.caughtUpAfter.length > 0,
      OUTCOME_DEADLINE_MS,
    );
    await client.appendToStream(run, [event('E3')], { expectedRevision: 2n });
    await waitUntil(() => fromEnd.types.length >= 1 && afterSecond.types.length >= 2, OUTCOME_DEADLINE_MS);

    expect(afterSecond.types).toEqual(['E2', 'E3']);
    expect(afterSecond.caughtUpAfter).toEqual([1]);
    expect(fromEnd.types).toEqual(['E3']);
    expect(fromEnd.caughtUpAfter).toEqual([0]);
    await Promise.all([positions, afterSecond, fromEnd].map((f) => f.subscription.unsubscribe()));
  });

  it('filters by stream regex and by event type prefix or regex', async () => {
    const run = randomUUID();
    await client.appendToStream(`${run}-a`, [event('KeepA'), event('DropA')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`${run}-b`, [event('KeepB')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`${run}-c`, [event('KeepC'), event(`Mark-${run}`)], { expectedRevision: NO_STREAM });

    const byRegex = subscribeAll(streamNameFilter({ regex: `^${run}-(a|c)$` }));
    const byTypePrefix = subscribeAll(eventTypeFilter({ prefixes: [`Mark-${run}`] }));
    const byTypeRegex = subscribeAll(eventTypeFilter({ regex: `^Mark-${run}$|^DropA$` }));
    const all = [byRegex, byTypePrefix, byTypeRegex];
    await waitUntil(() => all.every((f) => f.caughtUpAfter.length > 0), OUTCOME_DEADLINE_MS);
    await Promise.all(all.map((f) => f.subscription.unsubscribe()));

    expect(byRegex.types).toEqual(['KeepA', 'DropA', 'KeepC', `Mark-${run}`]);
    expect(byTypePrefix.types).toEqual([`Mark-${run}`]);
    expect(byTypeRegex.types).toEqual(['DropA', `Mark-${run}`]);
  });

  it('reports a checkpoint at every checkpointInterval × search window events scanned', async () => {
    const run = randomUUID();
    const start = await lastPosition();
    await client.appendToStream(
      `noise-${run}`,
      Array.from({ length: 25 }, (_, index) => event(`N${index}`)),
      { expectedRevision: NO_STREAM },
    );
    await client.appendToStream(`${run}`, [event('Match')], { expectedRevision: NO_STREAM });
    const scanned = double.log.events.slice(double.log.indexFrom(start, false));

    const followed = subscribeAll(
      streamNameFilter({ prefixes: [run], maxSearchWindow: 4, checkpointInterval: 2 }),
      start,
    );
    await waitUntil(() => followed.caughtUpAfter.length > 0 && followed.types.length > 0, OUTCOME_DEADLINE_MS);
    await followed.subscription.unsubscribe();

    expect(scanned).toHaveLength(26);
    expect(followed.types).toEqual(['Match']);
    expect(followed.checkpoints).toEqual([7, 15, 23].map((index) => scanned[index].position));
  });
});

describe('EventStoreDB test server: subscriptions to a stream', () => {
  it('starts after the revision given, sends caught up, then live events of that stream only', async () => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, [event('E0'), event('E1'), event('E2')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`${stream}-other`, [event('X')], { expectedRevision: NO_STREAM });

    const fromRevision = follow(client.subscribeToStream(stream, { fromRevision: 1n }));
    const fromStart = follow(client.subscribeToStream(stream, { fromRevision: START }));
    const onMissing = follow(client.subscribeToStream(`${stream}-later`, { fromRevision: START }));
    const all = [fromRevision, fromStart, onMissing];
    await waitUntil(() => all.every((f) => f.caughtUpAfter.length > 0), OUTCOME_DEADLINE_MS);
    await client.appendToStream(stream, [event('E3')], { expectedRevision: 2n });
    await client.appendToStream(`${stream}-later`, [event('L0')], { expectedRevision: NO_STREAM });
    await waitUntil(
      () => fromRevision.types.length >= 2 && fromStart.types.length >= 4 && onMissing.types.length >= 1,
      OUTCOME_DEADLINE_MS,
    );
    await Promise.all(all.map((f) => f.subscription.unsubscribe()));

    expect(fromRevision.types).toEqual(['E2', 'E3']);
    expect(fromRevision.caughtUpAfter).toEqual([1]);
    expect(fromStart.types).toEqual(['E0', 'E1', 'E2', 'E3']);
    expect(onMissing.types).toEqual(['L0']);
    expect(onMissing.caughtUpAfter).toEqual([0]);
  });
});

describe('EventStoreDB test server: outage and features', () => {
  it('cuts subscriptions and refuses calls while stopped, then serves the same log on the same port', async () => {
    const outage = new EventStoreDouble();
    const port = await outage.start();
    const outageClient = EventStoreDBClient.connectionString(outage.connectionString);
    try {
      const stream = `s-${randomUUID()}`;
      await outageClient.appendToStream(stream, [event('Before')], { expectedRevision: NO_STREAM });
      const followed = follow(outageClient.subscribeToAll({ fromPosition: START }));
      await waitUntil(() => followed.caughtUpAfter.length > 0, OUTCOME_DEADLINE_MS);

      await outage.stop();
      await waitUntil(() => followed.errors.length > 0, OUTCOME_DEADLINE_MS);
      await expect(outageClient.appendToStream(stream, [event('During')])).rejects.toMatchObject({ code: 14 });
      await outage.start();
      const after = await outageClient.appendToStream(stream, [event('After')], { expectedRevision: 0n });

      expect(outage.port).toBe(port);
      expect(after.nextExpectedRevision).toBe(1n);
      expect(followed.types).toEqual(['Before']);
    } finally {
      await outageClient.dispose();
      await outage.stop();
    }
  });

  it('stalls its subscriptions while paused, as another server of the same log takes appends, then sends the rest', async () => {
    const stalled = new EventStoreDouble({ log: double.log });
    await stalled.start({ port: 0 });
    const stalledClient = EventStoreDBClient.connectionString(stalled.connectionString);
    try {
      const stream = `s-${randomUUID()}`;
      await client.appendToStream(stream, [event('Before')], { expectedRevision: NO_STREAM });
      const followed = follow(
        stalledClient.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [stream] }) }),
      );
      await waitUntil(() => followed.caughtUpAfter.length > 0, 2000);

      stalled.pauseSubscriptions();
      await client.appendToStream(stream, [event('During1')], { expectedRevision: 0n });
      await stalledClient.appendToStream(stream, [event('During2')], { expectedRevision: 1n });
      const read: string[] = [];
      for await (const resolved of stalledClient.readStream(stream)) read.push(resolved.event?.type ?? '?');
      await sleep(200);
      const whilePaused = [...followed.types];
      stalled.resumeSubscriptions();
      await waitUntil(() => followed.types.length >= 3, 2000);

      expect(read).toEqual(['Before', 'During1', 'During2']);
      expect(whilePaused).toEqual(['Before']);
      expect(followed.types).toEqual(['Before', 'During1', 'During2']);
      expect(followed.errors).toEqual([]);
      await followed.subscription.unsubscribe();
    } finally {
      await stalledClient.dispose();
      await stalled.stop();
    }
  });

  it('answers ServerFeatures with UNIMPLEMENTED, so the client appends with plain Append', async () => {
    const advertising = new EventStoreDouble({ advertiseBatchAppend: true });
    await advertising.start();
    const batchClient = EventStoreDBClient.connectionString(advertising.connectionString);
    try {
      await expect(batchClient.appendToStream('s', [event('A')])).rejects.toThrow(/UNIMPLEMENTED/);
      await expect(client.appendToStream(`s-${randomUUID()}`, [event('A')])).resolves.toMatchObject({ success: true });
    } finally {
      await batchClient.dispose();
      await advertising.stop();
    }
  });
});
