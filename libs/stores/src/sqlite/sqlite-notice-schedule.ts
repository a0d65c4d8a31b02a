import type { Database as Connection, Statement, Transaction } from 'better-sqlite3';
import {
  nextDueAt,
  owesDelivery,
  pendingCount,
  REVOCATION_NOTICE_KEY,
  projectNoticeSchedule,
  StoreUnavailableError,
  toTokenEvent,
  type Clock,
  type DueNoticeToken,
  type LogPosition,
  type NoticeSchedule,
  type NoticeScheduleEntry,
  type RecordedEvent,
} from '@pat/domain';
import { metaValue, openNotifierDatabase } from './notifier-database';
import { settleSqlite } from './sqlite-operation';

interface EntryRow {
  token_id: string;
  revision: number;
  expires_at: number;
  pending: string;
  held: number;
  revocation_notice_due_at: number | null;
}

export interface SqliteNoticeScheduleOptions {
  thresholdsDays: readonly number[];
  /** Orders the log's positions; the event store's own `comparePositions`. */
  comparePositions: (a: LogPosition, b: LogPosition) => number;
  /** Reads the time this store starts at, once, when the file is new. */
  clock: Clock;
  busyTimeoutMs?: number;
}

const CHECKPOINT = 'checkpoint';
/** `expires_at` of a token that never expires (the latest time a Date holds): never pruned, always due. */
const NEVER_EXPIRES = 8_640_000_000_000_000;
/** A token past its expiry is still owed the notice that it was revoked for its owner. */
const STILL_OWED = '(expires_at > ? OR revocation_notice_due_at IS NOT NULL)';
const STARTED_AT = 'started_at';
const settle = <T>(work: () => T): Promise<T> => settleSqlite('The notice schedule', work);

/**
 * The embedded notice schedule: one row per token with its pending notices, in the notifier's
 * SQLite file. Each event is applied, with the checkpoint, in one transaction.
 */
export class SqliteNoticeSchedule implements NoticeSchedule {
  private readonly db: Connection;
  private readonly startedAt: Date;
  private readonly statements: {
    entry: Statement<[string], EntryRow>;
    upsert: Statement<[string, number, number, number | null, number, string, number, number | null]>;
    queueDelivery: Statement<[string, number, string, string, number, number]>;
    checkpoint: Statement<[], { value: string }>;
    setCheckpoint: Statement<[string]>;
    nextDue: Statement<[number], { next_due_at: number }>;
    due: Statement<[number, number, number], { token_id: string; next_due_at: number }>;
    pendingCount: Statement<[number], { pending: number }>;
    pruneSchedule: Statement<[number]>;
    pruneDeliveries: Statement<[number]>;
  };
  private readonly applyInTransaction: Transaction<(event: RecordedEvent) => void>;
  private readonly applyAllInTransaction: Transaction<(events: readonly RecordedEvent[]) => void>;

  constructor(
    file: string,
    private readonly options: SqliteNoticeScheduleOptions,
  ) {
    this.db = openNotifierDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
    this.startedAt = new Date(Number(metaValue(this.db, STARTED_AT, String(options.clock.now().getTime()))));
    this.statements = {
      entry: this.db.prepare(
        `SELECT token_id, revision, expires_at, pending, held, revocation_notice_due_at
         FROM notice_schedule WHERE token_id = ?`,
      ),
      upsert: this.db.prepare(
        `INSERT INTO notice_schedule
           (token_id, revision, expires_at, next_due_at, pending_count, pending, held, revocation_notice_due_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (token_id) DO UPDATE SET revision = excluded.revision, expires_at = excluded.expires_at,
           next_due_at = excluded.next_due_at, pending_count = excluded.pending_count, pending = excluded.pending,
           held = excluded.held, revocation_notice_due_at = excluded.revocation_notice_due_at`,
      ),
      queueDelivery: this.db.prepare(
        `INSERT OR IGNORE INTO notice_deliveries
           (token_id, threshold_days, notice_id, channel, claimed_at, expires_at, state, ready_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', 0)`,
      ),
      checkpoint: this.db.prepare(`SELECT value FROM notifier_meta WHERE key = '${CHECKPOINT}'`),
      setCheckpoint: this.db.prepare(`INSERT OR REPLACE INTO notifier_meta (key, value) VALUES ('${CHECKPOINT}', ?)`),
      nextDue: this.db.prepare(
        `SELECT next_due_at FROM notice_schedule WHERE next_due_at IS NOT NULL AND ${STILL_OWED}
         ORDER BY next_due_at LIMIT 1`,
      ),
      due: this.db.prepare(
        `SELECT token_id, next_due_at FROM notice_schedule WHERE next_due_at <= ? AND ${STILL_OWED}
         ORDER BY next_due_at LIMIT ?`,
      ),
      pendingCount: this.db.prepare(
        `SELECT COALESCE(SUM(pending_count), 0) AS pending FROM notice_schedule
         WHERE ${STILL_OWED} AND pending_count > 0`,
      ),
      pruneSchedule: this.db.prepare(
        'DELETE FROM notice_schedule WHERE expires_at < ? AND revocation_notice_due_at IS NULL',
      ),
      pruneDeliveries: this.db.prepare("DELETE FROM notice_deliveries WHERE state <> 'queued' AND expires_at < ?"),
    };
    this.applyInTransaction = this.db.transaction((event: RecordedEvent) => {
      this.applyRows(event);
      this.advanceCheckpoint(event.position);
    });
    this.applyAllInTransaction = this.db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.applyRows(event);
      if (events.length > 0) this.advanceCheckpoint(events[events.length - 1].position);
    });
  }

  apply(event: RecordedEvent): Promise<void> {
    return settle(() => this.applyInTransaction.immediate(event));
  }

  /** One transaction for a batch: a commit per event is what a catch-up over 1M tokens spends its time on. */
  applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    return settle(() => this.applyAllInTransaction.immediate(events));
  }

  private applyRows(recorded: RecordedEvent): void {
    const event = toTokenEvent(recorded);
    if (event !== null) {
      const row = this.statements.entry.get(event.data.tokenId);
      const next = projectNoticeSchedule(
        row ? toEntry(row) : null,
        event,
        recorded.revision,
        this.options.thresholdsDays,
      );
      if (next !== undefined) {
        this.store(next);
        const claim = event.type === 'ExpiryNoticeSent' || event.type === 'RevocationNoticeSent' ? event : null;
        if (claim !== null && owesDelivery(new Date(claim.data.sentAt), this.startedAt)) {
          const claimedAt = Date.parse(claim.data.sentAt);
          this.statements.queueDelivery.run(
            next.tokenId,
            claim.type === 'ExpiryNoticeSent' ? claim.data.thresholdDays : REVOCATION_NOTICE_KEY,
            recorded.id,
            claim.data.channel,
            claimedAt,
            // Kept (once delivered) as long as an expiry notice would be; a revocation notice from its claim.
            claim.type === 'ExpiryNoticeSent' ? (next.expiresAt?.getTime() ?? claimedAt) : claimedAt,
          );
        }
      }
    }
  }

  private advanceCheckpoint(position: LogPosition): void {
    const checkpoint = this.statements.checkpoint.get()?.value ?? null;
    if (checkpoint === null || this.options.comparePositions(position, checkpoint) > 0) {
      this.statements.setCheckpoint.run(position);
    }
  }

  private store(entry: NoticeScheduleEntry): void {
    this.statements.upsert.run(
      entry.tokenId,
      entry.revision,
      entry.expiresAt?.getTime() ?? NEVER_EXPIRES,
      nextDueAt(entry)?.getTime() ?? null,
      pendingCount(entry),
      JSON.stringify(entry.pending.map((notice) => [notice.thresholdDays, notice.dueAt.getTime()])),
      entry.held ? 1 : 0,
      entry.revocationNoticeDueAt?.getTime() ?? null,
    );
  }

  checkpoint(): Promise<LogPosition | null> {
    return settle(() => this.statements.checkpoint.get()?.value ?? null);
  }

  nextDueAt(now: Date): Promise<Date | null> {
    return settle(() => {
      const row = this.statements.nextDue.get(now.getTime());
      return row ? new Date(row.next_due_at) : null;
    });
  }

  due(now: Date, limit: number): Promise<DueNoticeToken[]> {
    return settle(() =>
      this.statements.due
        .all(now.getTime(), now.getTime(), limit)
        .map((row) => ({ tokenId: row.token_id, nextDueAt: new Date(row.next_due_at) })),
    );
  }

  pendingCount(now: Date): Promise<number> {
    return settle(() => this.statements.pendingCount.get(now.getTime())?.pending ?? 0);
  }

  prune(expiredBefore: Date): Promise<void> {
    return settle(() => {
      this.statements.pruneSchedule.run(expiredBefore.getTime());
      this.statements.pruneDeliveries.run(expiredBefore.getTime());
    });
  }

  ping(): Promise<void> {
    return settle(() => void this.db.prepare('SELECT 1').get()).catch((error: unknown) => {
      throw new StoreUnavailableError('The notice schedule did not answer', { cause: error });
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

function toEntry(row: EntryRow): NoticeScheduleEntry {
  const pending = JSON.parse(row.pending) as [number, number][];
  return {
    tokenId: row.token_id,
    revision: row.revision,
    expiresAt: row.expires_at === NEVER_EXPIRES ? null : new Date(row.expires_at),
    pending: pending.map(([thresholdDays, dueAt]) => ({ thresholdDays, dueAt: new Date(dueAt) })),
    held: row.held === 1,
    revocationNoticeDueAt: row.revocation_notice_due_at === null ? null : new Date(row.revocation_notice_due_at),
  };
}
