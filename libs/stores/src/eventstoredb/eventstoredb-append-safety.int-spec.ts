import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { StoreUnavailableError } from '@pat/domain';
import { newEvent } from '../../../../test/contracts/event-store.contract';
import { EventStoreDouble } from '../../../../test/eventstore-double/eventstore-double';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// These tests need a server that lists BatchAppend or loses answers on request, so they
// always run against the test server, even when EVENTSTORE_URL names a real one.
const QUICK_RETRY = { appendRetryDelayMs: 20 };

describe('EventStoreDbEventStore appends on a server that lists BatchAppend', () => {
  const doubles: EventStoreDouble[] = [];
  const stores: EventStoreDbEventStore[] = [];

  const start = async (): Promise<{ double: EventStoreDouble; store: EventStoreDbEventStore }> => {
    const double = new EventStoreDouble({ advertiseBatchAppend: true });
    await double.start();
    const store = new EventStoreDbEventStore(double.connectionString, QUICK_RETRY);
    doubles.push(double);
    stores.push(store);
    return { double, store };
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(doubles.splice(0).map((double) => double.stop()));
  });

  it('appends with plain Append, where the bare client takes the BatchAppend path', async () => {
    const { double, store } = await start();
    const bare = EventStoreDBClient.connectionString(double.connectionString);
    const stream = `pat-${randomUUID()}`;

    try {
      await expect(bare.appendToStream(`${stream}-bare`, [jsonEvent({ type: 'A', data: {} })])).rejects.toThrow(
        /UNIMPLEMENTED/,
      );
      const result = await store.append(stream, [newEvent('A'), newEvent('B')], 'no_stream');

      expect(result.nextExpectedRevision).toBe(1);
      expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['A', 'B']);
    } finally {
      await bare.dispose();
    }
  });

  it('never fails an append because an append to another server failed in transport', async () => {
    const [healthy, broken] = [await start(), await start()];
    await broken.double.stop();
    const streams = Array.from({ length: 10 }, () => `pat-${randomUUID()}`);

    const [onHealthy, onBroken] = await Promise.all([
      Promise.allSettled(streams.map((stream) => healthy.store.append(stream, [newEvent('A')], 'no_stream'))),
      Promise.allSettled(streams.map((stream) => broken.store.append(stream, [newEvent('A')], 'no_stream'))),
    ]);

    expect(onHealthy.map((outcome) => outcome.status)).toEqual(streams.map(() => 'fulfilled'));
    for (const outcome of onBroken) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
  });
});

describe('EventStoreDbEventStore when the answer to an append is lost', () => {
  let double: EventStoreDouble;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    double = new EventStoreDouble();
    await double.start();
    store = new EventStoreDbEventStore(double.connectionString, QUICK_RETRY);
  });

  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it('retries once, and the server answers the retry as the append it already wrote', async () => {
    const stream = `pat-${randomUUID()}`;
    await store.append(stream, [newEvent('A')], 'no_stream');
    const appended = [newEvent('B'), newEvent('C')];

    double.dropNextAppendAnswers(1);
    const result = await store.append(stream, appended, 0);

    expect(result.nextExpectedRevision).toBe(2);
    const recorded = await store.readStream(stream);
    expect(recorded.map((event) => event.type)).toEqual(['A', 'B', 'C']);
    expect(store.comparePositions(result.position, recorded[1].position)).toBeGreaterThan(0);
    expect(store.comparePositions(result.position, recorded[2].position)).toBeLessThanOrEqual(0);
  });

  it('fails with StoreUnavailableError when the retry is lost too, having written the events once', async () => {
    const stream = `pat-${randomUUID()}`;
    const appended = newEvent('A');

    double.dropNextAppendAnswers(2);
    await expect(store.append(stream, [appended], 'no_stream')).rejects.toBeInstanceOf(StoreUnavailableError);
    const retriedLater = await store.append(stream, [appended], 'no_stream');

    expect(retriedLater.nextExpectedRevision).toBe(0);
    expect((await store.readStream(stream)).map((event) => event.id)).toEqual([appended.id]);
  });

  it('reports a conflict whose answer was lost as the conflict, once the retry is answered', async () => {
    const stream = `pat-${randomUUID()}`;
    await store.append(stream, [newEvent('A')], 'no_stream');

    double.dropNextAppendAnswers(1);
    await expect(store.append(stream, [newEvent('B')], 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      streamId: stream,
      actual: 0,
    });

    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['A']);
  });
});
