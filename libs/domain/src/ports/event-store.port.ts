/** Position in the global log. Opaque to callers; each adapter orders its own. */
export type LogPosition = string;

/** 0-based revision of the last event in a stream, or "no stream yet". */
export type ExpectedRevision = number | 'no_stream';

export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: string;
}

export interface EventToAppend {
  /** UUID; deterministic per command, so that a retried append is recognised. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  revision: number;
  position: LogPosition;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  nextExpectedRevision: number;
  position: LogPosition;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, found ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store could not be reached or answered with a failure; the caller may retry later. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export interface LogSubscription {
  /** Resolves once every event recorded before the subscription started has been handled. */
  readonly caughtUp: Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Only streams whose name starts with this prefix. */
  streamPrefix?: string;
  /** Called when handling or the connection fails; the subscription retries by itself. */
  onError?: (error: unknown) => void;
  /**
   * Handles consecutive events at once, where the adapter reads them in batches (the
   * embedded log): instead of the per-event handler, and retried whole on failure.
   */
  batchHandler?: BatchHandler;
  /** At most this many events per `batchHandler` call; the adapter's default otherwise. */
  batchSize?: number;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;
export type BatchHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Every event of one stream, oldest first; empty when the stream does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Up to `limit` events of the global log after `after` (exclusive; null = from the start). */
  readAll(after: LogPosition | null, limit: number, options?: SubscribeOptions): Promise<RecordedEvent[]>;
  /**
   * The position of the last event of the global log (of the streams with `streamPrefix`) that
   * a subscription with the same options delivers, or null when there is none: every such
   * event recorded before the call is at or before it.
   */
  headPosition(options?: Pick<SubscribeOptions, 'streamPrefix'>): Promise<LogPosition | null>;
  /** Every event after `after`, then each new one as it is recorded, one at a time, in order. */
  subscribeToAll(after: LogPosition | null, handler: EventHandler, options?: SubscribeOptions): LogSubscription;
  /** Negative, zero or positive as `a` is before, at or after `b` in the global log. */
  comparePositions(a: LogPosition, b: LogPosition): number;
  /** The shape of this store's positions, as a regular expression (ECMAScript and Python alike). */
  readonly positionPattern: string;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
