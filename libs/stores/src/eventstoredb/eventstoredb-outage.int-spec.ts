import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { StoreUnavailableError, type RecordedEvent } from '@pat/domain';
import { newEvent, sleep, waitUntil, withTimeout } from '../../../../test/contracts/event-store.contract';
import { EventStoreDouble } from '../../../../test/eventstore-double/eventstore-double';
import { OUTCOME_DEADLINE_MS } from '../../../../test/support/outcome-deadline';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// These tests stop and restart the server, so they always run against the test server,
// even when EVENTSTORE_URL names a real one.
const FAST_RECOVERY = {
  appendRetryDelayMs: 20,
  readTimeoutMs: 2000,
  pingTimeoutMs: 1000,
  resubscribeBackoff: { initialMs: 20, maxMs: 200 },
};

describe('EventStoreDbEventStore through an outage of the server', () => {
  let double: EventStoreDouble;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    double = new EventStoreDouble();
    await double.start();
    store = new EventStoreDbEventStore(double.connectionString, FAST_RECOVERY);
  });

  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it('fails appends, reads and pings with StoreUnavailableError while the server is down, then serves them again', async () => {
    const stream = `pat-${randomUUID()}`;
    await store.append(stream, [newEvent('Before')], 'no_stream');

    await double.stop();
    const during = newEvent('During');
    const failures = await Promise.allSettled([
      store.append(stream, [during], 0),
      store.readStream(stream),
      store.readAll(null, 10),
      store.ping(),
    ]);
    await double.start();
    const after = await store.append(stream, [during], 0);

    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    expect(after.nextExpectedRevision).toBe(1);
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['Before', 'During']);
    expect((await store.readAll(null, 10)).map((event) => event.type)).toEqual(['Before', 'During']);
  });

  it('resumes a live subscription after a restart from the last handled event, losing and doubling nothing', async () => {
    const stream = `pat-${randomUUID()}`;
    await store.append(stream, [newEvent('E0'), newEvent('E1')], 'no_stream');
    const received: RecordedEvent[] = [];
    const errors: unknown[] = [];
    const subscription = store.subscribeToAll(null, (event) => void received.push(event), {
      streamPrefix: stream,
      onError: (error) => errors.push(error),
    });
    await withTimeout(subscription.caughtUp, OUTCOME_DEADLINE_MS);

    await double.stop();
    await waitUntil(() => errors.length > 0, OUTCOME_DEADLINE_MS);
    await sleep(100);
    await double.start();
    await store.append(stream, [newEvent('E2')], 1);
    await store.append(stream, [newEvent('E3'), newEvent('E4')], 2);
    await waitUntil(() => received.length >= 5, OUTCOME_DEADLINE_MS);
    await sleep(300);
    await subscription.close();

    expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    expect(received.map((event) => event.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
    expect(received).toEqual(await store.readStream(stream));
  });

  it('resumes a catch-up cut by a restart without losing or doubling an event', async () => {
    const stream = `pat-${randomUUID()}`;
    const total = 1000;
    const padding = 'x'.repeat(1000);
    for (let first = 0; first < total; first += 100) {
      const events = Array.from({ length: 100 }, (_, index) => newEvent(`E${first + index}`, { padding }));
      await store.append(stream, events, first === 0 ? 'no_stream' : first - 1);
    }
    const received: string[] = [];
    const handledAtErrors: number[] = [];
    const subscription = store.subscribeToAll(
      null,
      async (event) => {
        received.push(event.type);
        await new Promise((resolve) => setImmediate(resolve));
      },
      { streamPrefix: stream, onError: () => handledAtErrors.push(received.length) },
    );

    await waitUntil(() => received.length >= 100, OUTCOME_DEADLINE_MS);
    await double.stop();
    await sleep(100);
    await double.start();
    await withTimeout(subscription.caughtUp, OUTCOME_DEADLINE_MS);
    await subscription.close();

    // The cut came before the client had everything: the rest came by the new subscription.
    expect(handledAtErrors[0]).toBeLessThan(total);
    expect(received).toEqual(Array.from({ length: total }, (_, index) => `E${index}`));
  });
});

describe('EventStoreDbEventStore with a server that accepts connections but never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects ping, reads and appends with StoreUnavailableError, each ended by its own timeout', async () => {
    const { port } = server.address() as { port: number };
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`, {
      ...FAST_RECOVERY,
      appendTimeoutMs: 500,
      readTimeoutMs: 600,
      pingTimeoutMs: 700,
    });

    try {
      const outcomes = await withTimeout(
        Promise.allSettled([
          store.ping(),
          store.readStream('pat-silent'),
          store.readAll(null, 1),
          store.append('pat-silent', [newEvent('A')], 'no_stream'),
        ]),
        OUTCOME_DEADLINE_MS,
      );

      const reasons = outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason as unknown);
      for (const reason of reasons) expect(reason).toBeInstanceOf(StoreUnavailableError);
      expect(reasons.map(String)).toEqual([
        expect.stringContaining('did not answer a ping within 700 ms'),
        expect.stringContaining('did not answer a read of pat-silent within 600 ms'),
        expect.stringContaining('did not answer a read of $all within 600 ms'),
        // The append's own deadline (appendTimeoutMs) ended it; gRPC names the time it measured, not the deadline.
        expect.stringContaining('DEADLINE_EXCEEDED'),
      ]);
    } finally {
      await store.close();
    }
  });
});
