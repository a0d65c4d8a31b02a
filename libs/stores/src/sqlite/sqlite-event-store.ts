import type { Database as Connection, Statement, Transaction } from 'better-sqlite3';
import {
  StoreUnavailableError,
  WrongExpectedRevisionError,
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
import { PollingSubscription } from './polling-subscription';
import { openSqliteFile } from './sqlite-file';
import { settleSqlite } from './sqlite-operation';

const settle = <T>(work: () => T): Promise<T> => settleSqlite('The SQLite event store', work);

interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  );
`;

export interface SqliteEventStoreOptions {
  /** How often to look for commits of other processes. */
  pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before the store counts as unavailable. */
  busyTimeoutMs?: number;
}

/**
 * The embedded event log: one SQLite file in WAL mode, shared safely by several processes.
 * Appends take the write lock (BEGIN IMMEDIATE), so positions are committed in order and a
 * follower never sees a later position before an earlier one.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Connection;
  private readonly statements: {
    streamHead: Statement<[string], { revision: number | null }>;
    idsFromRevision: Statement<[string, number, number], { id: string; position: number }>;
    insert: Statement<[string, string, number, string, string, string, number]>;
    readStream: Statement<[string], EventRow>;
    readAll: Statement<[number, number], EventRow>;
    readAllWithPrefix: Statement<[number, number, string, number], EventRow>;
    head: Statement<[], { position: number }>;
    headWithPrefix: Statement<[number, string], { position: number }>;
  };
  private readonly appendInTransaction: Transaction<
    (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult
  >;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly poller: NodeJS.Timeout;
  private dataVersion: number;

  constructor(file: string, options: SqliteEventStoreOptions = {}) {
    this.db = openSqliteFile(file, SCHEMA, { ...options, synchronous: 'FULL' });
    this.statements = {
      streamHead: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      idsFromRevision: this.db.prepare(
        'SELECT id, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision'),
      readAll: this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      readAllWithPrefix: this.db.prepare(
        'SELECT * FROM events WHERE position > ? AND substr(stream_id, 1, ?) = ? ORDER BY position LIMIT ?',
      ),
      head: this.db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1'),
      headWithPrefix: this.db.prepare(
        'SELECT position FROM events WHERE substr(stream_id, 1, ?) = ? ORDER BY position DESC LIMIT 1',
      ),
    };
    this.appendInTransaction = this.db.transaction((streamId, events, expected) =>
      this.appendRows(streamId, events, expected),
    );
    this.dataVersion = this.readDataVersion();
    this.poller = setInterval(() => this.pollForOtherWriters(), options.pollIntervalMs ?? 20);
    this.poller.unref();
  }

  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return settle(() => {
      const result = this.appendInTransaction.immediate(streamId, events, expected);
      this.wakeSubscriptions();
      return result;
    });
  }

  private appendRows(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
    const head = this.statements.streamHead.get(streamId)?.revision ?? null;
    const actual = head === null ? 'no_stream' : head;
    if (actual !== expected) {
      const retried = this.alreadyAppended(streamId, events, expected);
      if (retried) return retried;
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const first = head === null ? 0 : head + 1;
    const recordedAt = Date.now();
    let position = 0;
    events.forEach((event, index) => {
      const info = this.statements.insert.run(
        event.id,
        streamId,
        first + index,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    });
    return { nextExpectedRevision: first + events.length - 1, position: String(position) };
  }

  /**
   * An append retried after it had in fact succeeded is answered as the first one was: every
   * one of its event ids must be recorded, in order, right after the expected revision.
   */
  private alreadyAppended(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult | null {
    if (events.length === 0) return null;
    const firstRevision = expected === 'no_stream' ? 0 : expected + 1;
    const recorded = this.statements.idsFromRevision.all(streamId, firstRevision, events.length);
    if (recorded.length !== events.length || recorded.some((row, index) => row.id !== events[index].id)) return null;
    return {
      nextExpectedRevision: firstRevision + events.length - 1,
      position: String(recorded[recorded.length - 1].position),
    };
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return settle(() => this.statements.readStream.all(streamId).map(toRecordedEvent));
  }

  readAll(after: LogPosition | null, limit: number, options: SubscribeOptions = {}): Promise<RecordedEvent[]> {
    return settle(() => this.readAllSync(after, limit, options.streamPrefix).map(toRecordedEvent));
  }

  private readAllSync(after: LogPosition | null, limit: number, prefix?: string): EventRow[] {
    const from = after === null ? 0 : Number(after);
    return prefix === undefined
      ? this.statements.readAll.all(from, limit)
      : this.statements.readAllWithPrefix.all(from, prefix.length, prefix, limit);
  }

  headPosition(options: Pick<SubscribeOptions, 'streamPrefix'> = {}): Promise<LogPosition | null> {
    const prefix = options.streamPrefix;
    return settle(() => {
      const row =
        prefix === undefined ? this.statements.head.get() : this.statements.headWithPrefix.get(prefix.length, prefix);
      return row === undefined ? null : String(row.position);
    });
  }

  subscribeToAll(after: LogPosition | null, handler: EventHandler, options: SubscribeOptions = {}): LogSubscription {
    const subscription = new PollingSubscription(
      after,
      (from, limit) => this.readAll(from, limit, options),
      handler,
      options.onError,
      () => this.subscriptions.delete(subscription),
      options.batchHandler,
      options.batchSize,
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  readonly positionPattern = '^\\d{1,15}$';

  comparePositions(a: LogPosition, b: LogPosition): number {
    return Number(a) - Number(b);
  }

  ping(): Promise<void> {
    return settle(() => void this.db.prepare('SELECT 1').get()).catch((error: unknown) => {
      throw new StoreUnavailableError('The SQLite event store did not answer', { cause: error });
    });
  }

  async close(): Promise<void> {
    clearInterval(this.poller);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  private pollForOtherWriters(): void {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.wakeSubscriptions();
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: new Date(row.recorded_at),
  };
}
