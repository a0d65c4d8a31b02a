import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventData,
  type ResolvedEvent,
} from '@eventstore/db-client';
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

const event = (type: string, data: Record<string, unknown> = {}): EventData =>
  jsonEvent({ type, data, id: randomUUID() });

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<NonNullable<ResolvedEvent['event']>[]> {
  const events: NonNullable<ResolvedEvent['event']>[] = [];
  for await (const resolved of read) if (resolved.event !== undefined) events.push(resolved.event);
  return events;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected a rejection');
}

describe('EventStoreDB test server: appends', () => {
  it('gives 0-based revisions and answers with the last revision, its last commit and first prepare position', async () => {
    const stream = `s-${randomUUID()}`;

    const result = await client.appendToStream(stream, [event('A'), event('B'), event('C')], {
      expectedRevision: NO_STREAM,
    });

    const recorded = await collect(client.readStream(stream));
    expect(recorded.map((e) => [e.type, e.revision])).toEqual([
      ['A', 0n],
      ['B', 1n],
      ['C', 2n],
    ]);
    expect(result).toEqual({
      success: true,
      nextExpectedRevision: 2n,
      position: { commit: recorded[2].position?.commit, prepare: recorded[0].position?.prepare },
    });
    for (const e of recorded) expect(e.position?.commit).toBe(e.position?.prepare);
    expect(recorded[0].position!.commit < recorded[1].position!.commit).toBe(true);
    expect(recorded[1].position!.commit < recorded[2].position!.commit).toBe(true);
  });

  it.each<[string, AppendExpectedRevision, AppendExpectedRevision, bigint | 'no_stream']>([
    ['no_stream on an existing stream', NO_STREAM, NO_STREAM, 1n],
    ['a stale revision', 0n, 0n, 1n],
    ['a revision the stream has not reached', 5n, 5n, 1n],
  ])('answers %s with wrong expected version and the current revision', async (_case, expected, reported, actual) => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, [event('A'), event('B')], { expectedRevision: NO_STREAM });

    const error = await rejectionOf(client.appendToStream(stream, [event('X')], { expectedRevision: expected }));

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: reported, actualVersion: actual });
    expect(await collect(client.readStream(stream))).toHaveLength(2);
  });

  it('answers a revision or stream_exists on a missing stream with wrong expected version and no_stream', async () => {
    const stream = `s-${randomUUID()}`;

    const byRevision = await rejectionOf(client.appendToStream(stream, [event('X')], { expectedRevision: 0n }));
    const byExists = await rejectionOf(
      client.appendToStream(stream, [event('X')], { expectedRevision: STREAM_EXISTS }),
    );

    expect(byRevision).toMatchObject({ expectedVersion: 0n, actualVersion: 'no_stream' });
    expect(byExists).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
    await expect(collect(client.readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('appends with any and stream_exists whatever the revision', async () => {
    const stream = `s-${randomUUID()}`;

    await client.appendToStream(stream, [event('A')], { expectedRevision: ANY });
    await client.appendToStream(stream, [event('B')], { expectedRevision: STREAM_EXISTS });
    const third = await client.appendToStream(stream, [event('C')], { expectedRevision: ANY });

    expect(third.nextExpectedRevision).toBe(2n);
  });

  it('answers a retried append (same ids, same expectation) as the first one without writing again', async () => {
    const stream = `s-${randomUUID()}`;
    const first = [event('A'), event('B')];
    const second = [event('C')];
    const created = await client.appendToStream(stream, first, { expectedRevision: NO_STREAM });
    const continued = await client.appendToStream(stream, second, { expectedRevision: 1n });
    await client.appendToStream(stream, [event('D')], { expectedRevision: 2n });

    const retriedCreate = await client.appendToStream(stream, first, { expectedRevision: NO_STREAM });
    const retriedContinue = await client.appendToStream(stream, second, { expectedRevision: 1n });
    const retriedWithAny = await client.appendToStream(stream, second, { expectedRevision: ANY });

    expect(retriedCreate).toEqual(created);
    expect(retriedContinue).toEqual(continued);
    expect(retriedWithAny).toEqual(continued);
    expect((await collect(client.readStream(stream))).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('treats other ids, or more events than were written, as a conflict rather than a retry', async () => {
    const stream = `s-${randomUUID()}`;
    const [a, b] = [event('A'), event('B')];
    await client.appendToStream(stream, [a, b], { expectedRevision: NO_STREAM });

    const changed = await rejectionOf(client.appendToStream(stream, [a, event('X')], { expectedRevision: NO_STREAM }));
    const longer = await rejectionOf(
      client.appendToStream(stream, [a, b, event('Y')], { expectedRevision: NO_STREAM }),
    );

    expect(changed).toMatchObject({ actualVersion: 1n });
    expect(longer).toMatchObject({ actualVersion: 1n });
    expect((await collect(client.readStream(stream))).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('keeps JSON and binary data, custom metadata bytes, content type, and the time of the write', async () => {
    const stream = `s-${randomUUID()}`;
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const before = Date.now();

    await client.appendToStream(stream, [
      jsonEvent({ type: 'Json', data: { text: 'Grüße 🚀', n: 1 }, metadata: { correlationId: 'c-1' } }),
      binaryEvent({ type: 'Binary', data: bytes, metadata: Uint8Array.from([9, 8, 7]) }),
    ]);

    const after = Date.now();
    const [json, binary] = await collect(client.readStream(stream));
    expect(json).toMatchObject({ isJson: true, data: { text: 'Grüße 🚀', n: 1 }, metadata: { correlationId: 'c-1' } });
    expect(binary.isJson).toBe(false);
    expect(Uint8Array.from(binary.data as Uint8Array)).toEqual(bytes);
    expect(Uint8Array.from(binary.metadata as Uint8Array)).toEqual(Uint8Array.from([9, 8, 7]));
    for (const e of [json, binary]) {
      expect(e.created.getTime()).toBeGreaterThanOrEqual(before);
      expect(e.created.getTime()).toBeLessThanOrEqual(after);
    }
    const stored = double.log.stream(stream) ?? [];
    expect(stored.map((e) => e.contentType)).toEqual(['application/json', 'application/octet-stream']);
    expect(stored[0].created / 10_000n).toBe(BigInt(json.created.getTime()));
  });
});

describe('EventStoreDB test server: stream reads', () => {
  let stream: string;

  beforeAll(async () => {
    stream = `s-${randomUUID()}`;
    await client.appendToStream(
      stream,
      ['E0', 'E1', 'E2', 'E3', 'E4'].map((type) => event(type)),
      { expectedRevision: NO_STREAM },
    );
  });

  const types = async (options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<string[]> =>
    (await collect(client.readStream(stream, options))).map((e) => e.type);

  it('reads forwards from the start, from a revision (inclusive) and with a count', async () => {
    expect(await types({ fromRevision: START })).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
    expect(await types({ fromRevision: 2n })).toEqual(['E2', 'E3', 'E4']);
    expect(await types({ fromRevision: 1n, maxCount: 2 })).toEqual(['E1', 'E2']);
    expect(await types({ fromRevision: END })).toEqual([]);
    expect(await types({ fromRevision: 9n })).toEqual([]);
  });

  it('reads backwards from the end and from a revision (inclusive)', async () => {
    expect(await types({ direction: BACKWARDS, fromRevision: END })).toEqual(['E4', 'E3', 'E2', 'E1', 'E0']);
    expect(await types({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual(['E4', 'E3']);
    expect(await types({ direction: BACKWARDS, fromRevision: 2n })).toEqual(['E2', 'E1', 'E0']);
    expect(await types({ direction: BACKWARDS, fromRevision: START })).toEqual(['E0']);
  });

  it('answers a read of a missing stream with stream not found', async () => {
    await expect(collect(client.readStream(`missing-${randomUUID()}`))).rejects.toBeInstanceOf(StreamNotFoundError);
  });
});

describe('EventStoreDB test server: $all reads', () => {
  it('orders $all by position; forwards from a position includes it, backwards from it excludes it', async () => {
    const run = randomUUID();
    await client.appendToStream(`${run}-a`, [event('A0'), event('A1')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`${run}-b`, [event('B0')], { expectedRevision: NO_STREAM });
    await client.appendToStream(`${run}-a`, [event('A2')], { expectedRevision: 1n });
    const ours = (events: NonNullable<ResolvedEvent['event']>[]) => events.filter((e) => e.streamId.startsWith(run));

    const all = ours(await collect(client.readAll()));
    const third = all[2].position!;
    const fromThird = ours(await collect(client.readAll({ fromPosition: third })));
    const beforeThird = ours(await collect(client.readAll({ fromPosition: third, direction: BACKWARDS })));
    const [last] = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));

    expect(all.map((e) => e.type)).toEqual(['A0', 'A1', 'B0', 'A2']);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].position!.commit < all[i].position!.commit).toBe(true);
    expect(fromThird.map((e) => e.type)).toEqual(['B0', 'A2']);
    expect(beforeThird.map((e) => e.type)).toEqual(['A1', 'A0']);
    expect(last.id).toBe(all[3].id);
    expect(await collect(client.readAll({ fromPosition: third, maxCount: 1 }))).toHaveLength(1);
    expect(await collect(client.readAll({ fromPosition: END }))).toEqual([]);
  });
});
