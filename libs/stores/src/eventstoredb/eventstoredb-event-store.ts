import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  NO_STREAM,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
  type Direction,
  type EventData,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  StoreUnavailableError,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type LogPosition,
  type LogSubscription,
  type RecordedEvent,
  type SubscribeOptions,
} from '@pat/domain';
import { EsdbCatchUpSubscription, type Backoff } from './esdb-catch-up-subscription';
import { isStreamNotFound, isTransportFailure, toPortError } from './esdb-errors';
import { fromResolvedEvent, toEventData } from './esdb-event-codec';
import { HeadScanner } from './esdb-head-scanner';
import { comparePositions, decodePosition, encodePosition, ESDB_POSITION_PATTERN } from './esdb-position';
import { appendWithoutBatchAppend } from './plain-append';
import { readToEnd } from './read-to-end';

export interface EventStoreDbEventStoreOptions {
  /** How long an append may take before it counts as failed (then retried once). */
  appendTimeoutMs?: number;
  /** How long a read of a stream or of one page of `$all` may take. */
  readTimeoutMs?: number;
  /** How long `ping` waits for an answer. */
  pingTimeoutMs?: number;
  /** Pause before the one retry of an append that failed in transport. */
  appendRetryDelayMs?: number;
  /** Between attempts of a subscription whose connection failed, and between handler retries. */
  resubscribeBackoff?: Backoff;
}

/** Events read per `$all` page; readAll filters by prefix on this side, as the client cannot ask the server to. */
const MIN_PAGE = 64;
const MAX_PAGE = 1000;
const DISPOSE_WAIT_MS = 2000;

/**
 * The event store on EventStoreDB through @eventstore/db-client: one stream per caller-given
 * id, JSON events under the caller's event ids (a retried append is deduplicated by the
 * server), and positions encoded as `<commit>/<prepare>`.
 *
 * Appends always use plain `Streams.Append` (see `appendWithoutBatchAppend`). An append that
 * fails in transport (unavailable, deadline, cancelled) has an unknown outcome; it is retried
 * once with the same ids and expectation, which the server answers as the first attempt if
 * that one was written, before the failure becomes a StoreUnavailableError.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbCatchUpSubscription>();
  private readonly settings: Required<EventStoreDbEventStoreOptions>;
  private readonly heads = new HeadScanner((before, count) =>
    this.readAllPage(before ?? END, count, { direction: BACKWARDS, timeoutMs: this.settings.pingTimeoutMs }),
  );
  private closed = false;

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    appendWithoutBatchAppend(this.client);
    this.settings = {
      appendTimeoutMs: options.appendTimeoutMs ?? 5000,
      readTimeoutMs: options.readTimeoutMs ?? 10_000,
      pingTimeoutMs: options.pingTimeoutMs ?? 2000,
      appendRetryDelayMs: options.appendRetryDelayMs ?? 100,
      resubscribeBackoff: options.resubscribeBackoff ?? { initialMs: 100, maxMs: 5000 },
    };
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new RangeError('An append needs at least one event');
    const data = events.map(toEventData);
    let result: ClientAppendResult;
    try {
      result = await this.appendOnce(streamId, data, expected);
    } catch (error) {
      if (!isTransportFailure(error) || this.closed) throw toPortError(error, 'append', { streamId, expected });
      await delay(this.settings.appendRetryDelayMs);
      try {
        result = await this.appendOnce(streamId, data, expected);
      } catch (retryError) {
        throw toPortError(retryError, 'append', { streamId, expected });
      }
    }
    if (result.position === undefined) {
      throw new StoreUnavailableError('EventStoreDB answered an append without a position');
    }
    return { nextExpectedRevision: Number(result.nextExpectedRevision), position: encodePosition(result.position) };
  }

  private appendOnce(streamId: string, data: EventData[], expected: ExpectedRevision): Promise<ClientAppendResult> {
    return this.client.appendToStream(streamId, data, {
      expectedRevision: expected === 'no_stream' ? NO_STREAM : BigInt(expected),
      deadline: this.settings.appendTimeoutMs,
    });
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    try {
      const read = this.client.readStream(streamId, { fromRevision: START });
      const resolved = await readToEnd(read, this.settings.readTimeoutMs, `a read of ${streamId}`);
      return resolved.flatMap((item) => fromResolvedEvent(item) ?? []);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toPortError(error, `read ${streamId}`);
    }
  }

  /**
   * `$all` reads from a position include the event at it and carry the server's own events;
   * this returns only events after `after`, of our streams, with the prefix.
   */
  async readAll(after: LogPosition | null, limit: number, options: SubscribeOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const found: RecordedEvent[] = [];
    if (limit <= 0) return found;
    const prefix = options.streamPrefix ?? '';
    const pageSize = Math.min(MAX_PAGE, Math.max(MIN_PAGE, limit + 1));
    let exclusive: Position | null = after === null ? null : decodePosition(after);
    for (;;) {
      const page = await this.readAllPage(exclusive ?? START, pageSize);
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (position === undefined || (exclusive !== null && comparePositions(position, exclusive) <= 0)) continue;
        exclusive = position;
        if (!resolved.event?.streamId.startsWith(prefix)) continue;
        const event = fromResolvedEvent(resolved);
        if (event === null) continue;
        found.push(event);
        if (found.length >= limit) return found;
      }
      if (page.length < pageSize) return found;
    }
  }

  private async readAllPage(
    from: ReadPosition,
    pageSize: number,
    {
      direction = FORWARDS,
      timeoutMs = this.settings.readTimeoutMs,
    }: { direction?: Direction; timeoutMs?: number } = {},
  ): Promise<AllStreamResolvedEvent[]> {
    try {
      const read = this.client.readAll({ fromPosition: from, maxCount: pageSize, direction });
      return await readToEnd(read, timeoutMs, 'a read of $all');
    } catch (error) {
      throw toPortError(error, 'read $all');
    }
  }

  async headPosition(options: Pick<SubscribeOptions, 'streamPrefix'> = {}): Promise<LogPosition | null> {
    this.assertOpen();
    const head = await this.heads.head(options.streamPrefix ?? '');
    return head === null ? null : encodePosition(head);
  }

  subscribeToAll(after: LogPosition | null, handler: EventHandler, options: SubscribeOptions = {}): LogSubscription {
    this.assertOpen();
    // A malformed position is the caller's bug, not an outage to retry in the background.
    if (after !== null) decodePosition(after);
    const prefix = options.streamPrefix;
    const filter = prefix === undefined ? excludeSystemEvents() : streamNameFilter({ prefixes: [prefix] });
    const subscription = new EsdbCatchUpSubscription(
      (from) => this.client.subscribeToAll({ fromPosition: from === null ? START : decodePosition(from), filter }),
      after,
      handler,
      options.onError,
      this.settings.resubscribeBackoff,
    );
    this.subscriptions.add(subscription);
    const close = subscription.close.bind(subscription);
    return {
      caughtUp: subscription.caughtUp,
      close: async () => {
        this.subscriptions.delete(subscription);
        await close();
      },
    };
  }

  readonly positionPattern = ESDB_POSITION_PATTERN;

  comparePositions(a: LogPosition, b: LogPosition): number {
    return comparePositions(decodePosition(a), decodePosition(b));
  }

  /** Reads the last event of `$all`: an answer needs the server up and this client allowed to read. */
  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The EventStoreDB event store is closed');
    try {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
      await readToEnd(read, this.settings.pingTimeoutMs, 'a ping');
    } catch (error) {
      const failure = toPortError(error, 'answer a ping');
      throw failure instanceof StoreUnavailableError
        ? failure
        : new StoreUnavailableError('EventStoreDB did not answer a ping', { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    // dispose() waits for every call it cancels to finish; a call the server never answers must not hold a shutdown.
    await settleWithin(this.client.dispose(), DISPOSE_WAIT_MS);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The EventStoreDB event store is closed');
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
