import { randomUUID } from 'node:crypto';
import { binaryEvent, EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import type { ExpectedRevision, LogPosition, RecordedEvent } from '@pat/domain';
import { describeEventStoreContract, newEvent } from '../../../../test/contracts/event-store.contract';
import { EventStoreDouble } from '../../../../test/eventstore-double/eventstore-double';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** EVENTSTORE_URL names a real server to run against; otherwise the test server runs in this process. */
const serverUrl = process.env.EVENTSTORE_URL;
let double: EventStoreDouble | null = null;

beforeAll(async () => {
  if (serverUrl !== undefined) return;
  double = new EventStoreDouble();
  await double.start();
});

afterAll(() => double?.stop());

function connectionString(): string {
  return serverUrl ?? (double as EventStoreDouble).connectionString;
}

describeEventStoreContract('EventStoreDbEventStore', () => {
  const stores: EventStoreDbEventStore[] = [];
  const open = (): EventStoreDbEventStore => {
    const store = new EventStoreDbEventStore(connectionString());
    stores.push(store);
    return store;
  };
  return Promise.resolve({
    store: open(),
    reopen: () => Promise.resolve(open()),
    cleanup: async () => {
      await Promise.all(stores.map((store) => store.close()));
    },
  });
});

describe('EventStoreDbEventStore on EventStoreDB', () => {
  let store: EventStoreDbEventStore;
  let client: EventStoreDBClient;

  beforeEach(() => {
    store = new EventStoreDbEventStore(connectionString());
    client = EventStoreDBClient.connectionString(connectionString());
  });

  afterEach(async () => {
    await store.close();
    await client.dispose();
  });

  const mark = async (): Promise<LogPosition> =>
    (await store.append(`marker-${randomUUID()}`, [newEvent('Marker')], 'no_stream')).position;

  it('orders many events of several streams by position, each append after all but the last of its events', async () => {
    const run = randomUUID();
    const streams = ['a', 'b', 'c'].map((name) => `pat-${run}-${name}`);
    const start = await mark();
    const heads = new Map<string, ExpectedRevision>(streams.map((stream) => [stream, 'no_stream']));
    const appends: { ids: string[]; position: LogPosition }[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [index, stream] of streams.entries()) {
        const events = Array.from({ length: 1 + ((round + index) % 3) }, (_, n) => newEvent(`R${round}E${n}`));
        const result = await store.append(stream, events, heads.get(stream) as ExpectedRevision);
        heads.set(stream, result.nextExpectedRevision);
        appends.push({ ids: events.map((event) => event.id), position: result.position });
      }
    }

    const log = await store.readAll(start, 1000, { streamPrefix: `pat-${run}` });

    expect(log.length).toBeGreaterThan(20);
    expect(log.map((event) => event.id)).toEqual(appends.flatMap((append) => append.ids));
    for (let i = 1; i < log.length; i++) {
      expect(store.comparePositions(log[i - 1].position, log[i].position)).toBeLessThan(0);
      expect(store.comparePositions(log[i].position, log[i - 1].position)).toBeGreaterThan(0);
    }
    for (const append of appends) {
      const last = log.findIndex((event) => event.id === append.ids[append.ids.length - 1]);
      expect(store.comparePositions(append.position, log[last].position)).toBeLessThanOrEqual(0);
      const previous = last === 0 ? start : log[last - 1].position;
      expect(store.comparePositions(append.position, previous)).toBeGreaterThan(0);
    }
    const byStream = (await Promise.all(streams.map((stream) => store.readStream(stream)))).flat();
    expect(byStream.sort((x, y) => store.comparePositions(x.position, y.position))).toEqual(log);
  });

  it('pages through $all to find sparse events of a prefix, exclusive of the position it starts after', async () => {
    const run = randomUUID();
    const start = await mark();
    await store.append(`pat-${run}`, [newEvent('First')], 'no_stream');
    await store.append(
      `other-${run}`,
      Array.from({ length: 150 }, (_, index) => newEvent(`Other${index}`)),
      'no_stream',
    );
    await store.append(`pat-${run}`, [newEvent('Second')], 0);

    const found = await store.readAll(start, 5, { streamPrefix: `pat-${run}` });
    const afterFirst = await store.readAll(found[0].position, 5, { streamPrefix: `pat-${run}` });

    expect(found.map((event) => event.type)).toEqual(['First', 'Second']);
    expect(afterFirst.map((event) => event.type)).toEqual(['Second']);
  });

  it("skips the server's own events and other applications' in $all reads and subscriptions", async () => {
    const run = randomUUID();
    const start = await mark();
    await client.appendToStream(`$${run}-stats`, [jsonEvent({ type: '$statsCollected', data: { run } })]);
    await client.appendToStream(`other-${run}`, [binaryEvent({ type: 'Binary', data: Uint8Array.from([1, 2]) })]);
    await client.appendToStream(`pat-${run}-foreign`, [jsonEvent({ type: 'NoMetadata', data: { run } })]);
    await store.append(`pat-${run}`, [newEvent('Ours')], 'no_stream');
    await client.appendToStream(`pat-${run}`, [jsonEvent({ type: '$>', data: { run } })], { expectedRevision: 0n });
    const received: RecordedEvent[] = [];
    const mine = (events: RecordedEvent[]) => events.filter((event) => event.streamId.includes(run));

    const read = await store.readAll(start, 1000);
    const readPat = await store.readAll(start, 1000, { streamPrefix: 'pat-' });
    const subscription = store.subscribeToAll(start, (event) => void received.push(event));
    await subscription.caughtUp;
    await subscription.close();

    expect(mine(read).map((event) => event.type)).toEqual(['Ours']);
    expect(mine(readPat).map((event) => event.type)).toEqual(['Ours']);
    expect(mine(received).map((event) => event.type)).toEqual(['Ours']);
    expect((await store.readStream(`pat-${run}`)).map((event) => event.type)).toEqual(['Ours']);
  });

  it('records JSON events that any client reads with their type, data, metadata and creation time', async () => {
    const stream = `pat-${randomUUID()}`;
    const event = newEvent('TokenGenerated', { tokenId: 'tok-1', schemaVersion: 1, expiresAt: null });
    const before = Date.now();

    await store.append(stream, [event], 'no_stream');

    const [read] = await collect(client.readStream(stream));
    expect(read.event).toMatchObject({
      id: event.id,
      streamId: stream,
      revision: 0n,
      type: 'TokenGenerated',
      isJson: true,
      data: event.data,
      metadata: event.metadata,
    });
    expect(read.event?.created.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(read.event?.created.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('reads back what another client wrote, and conflicts with it by revision', async () => {
    const stream = `pat-${randomUUID()}`;
    await client.appendToStream(stream, [jsonEvent({ type: 'A', data: { n: 1 }, metadata: { actor: 'x' } })], {
      expectedRevision: NO_STREAM,
    });

    await expect(store.append(stream, [newEvent('B')], 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: 0,
    });
    await store.append(stream, [newEvent('B')], 0);

    expect((await store.readStream(stream)).map((event) => [event.type, event.revision])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });
});

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}
