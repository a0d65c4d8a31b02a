import type { Database as Connection, Statement, Transaction } from 'better-sqlite3';
import type { DeliveryOutcome, NoticeDelivery, NoticeDeliveryQueue, NoticeKey } from '@pat/domain';
import { openNotifierDatabase } from './notifier-database';
import { settleSqlite } from './sqlite-operation';

interface DeliveryRow {
  token_id: string;
  threshold_days: number;
  notice_id: string;
  channel: string;
  claimed_at: number;
  attempts: number;
  delivered: string;
  last_error: string | null;
}

type KeyAndOwner = [tokenId: string, thresholdDays: number, owner: string];

export interface SqliteNoticeDeliveryQueueOptions {
  busyTimeoutMs?: number;
}

const settle = <T>(work: () => T): Promise<T> => settleSqlite('The notice delivery queue', work);

/** The embedded delivery queue, in the notifier's SQLite file next to the schedule that fills it. */
export class SqliteNoticeDeliveryQueue implements NoticeDeliveryQueue {
  private readonly db: Connection;
  private readonly statements: {
    ready: Statement<[number, number, number], DeliveryRow>;
    take: Statement<[string, number, string, number]>;
    renew: Statement<[number, string]>;
    recordDelivered: Statement<[string, string, ...KeyAndOwner]>;
    retryLater: Statement<[number, number, string, ...KeyAndOwner]>;
    complete: Statement<[string, number, ...KeyAndOwner]>;
    nextReadyAt: Statement<[], { ready_at: number | null }>;
    holders: Statement<[], { lease_owner: string }>;
    release: Statement<[string]>;
    queued: Statement<[], { queued: number }>;
  };
  private readonly leaseInTransaction: Transaction<
    (owner: string, now: number, until: number, limit: number) => NoticeDelivery[]
  >;

  constructor(file: string, options: SqliteNoticeDeliveryQueueOptions = {}) {
    this.db = openNotifierDatabase(file, options);
    const leasedBy = "token_id = ? AND threshold_days = ? AND lease_owner = ? AND state = 'queued'";
    this.statements = {
      ready: this.db.prepare(
        `SELECT token_id, threshold_days, notice_id, channel, claimed_at, attempts, delivered, last_error
         FROM notice_deliveries
         WHERE state = 'queued' AND ready_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY ready_at LIMIT ?`,
      ),
      take: this.db.prepare(
        'UPDATE notice_deliveries SET lease_owner = ?, lease_until = ? WHERE token_id = ? AND threshold_days = ?',
      ),
      renew: this.db.prepare("UPDATE notice_deliveries SET lease_until = ? WHERE lease_owner = ? AND state = 'queued'"),
      recordDelivered: this.db.prepare(
        `UPDATE notice_deliveries SET delivered = CASE WHEN delivered = '' THEN ? ELSE delivered || '+' || ? END
         WHERE ${leasedBy}`,
      ),
      retryLater: this.db.prepare(
        `UPDATE notice_deliveries SET attempts = ?, ready_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
         WHERE ${leasedBy}`,
      ),
      complete: this.db.prepare(
        `UPDATE notice_deliveries SET state = ?, completed_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE ${leasedBy}`,
      ),
      nextReadyAt: this.db.prepare(
        "SELECT MIN(MAX(ready_at, COALESCE(lease_until, 0))) AS ready_at FROM notice_deliveries WHERE state = 'queued'",
      ),
      holders: this.db.prepare(
        "SELECT DISTINCT lease_owner FROM notice_deliveries WHERE state = 'queued' AND lease_owner IS NOT NULL",
      ),
      release: this.db.prepare(
        "UPDATE notice_deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND state = 'queued'",
      ),
      queued: this.db.prepare("SELECT COUNT(*) AS queued FROM notice_deliveries WHERE state = 'queued'"),
    };
    this.leaseInTransaction = this.db.transaction((owner: string, now: number, until: number, limit: number) =>
      this.statements.ready.all(now, now, limit).map((row) => {
        this.statements.take.run(owner, until, row.token_id, row.threshold_days);
        return toDelivery(row);
      }),
    );
  }

  lease(owner: string, now: Date, leaseMs: number, limit: number): Promise<NoticeDelivery[]> {
    return settle(() => this.leaseInTransaction.immediate(owner, now.getTime(), now.getTime() + leaseMs, limit));
  }

  renew(owner: string, until: Date): Promise<void> {
    return settle(() => void this.statements.renew.run(until.getTime(), owner));
  }

  recordDelivered(key: NoticeKey, owner: string, channel: string): Promise<boolean> {
    return this.changedOne(() => this.statements.recordDelivered.run(channel, channel, ...keyAndOwner(key, owner)));
  }

  retryLater(key: NoticeKey, owner: string, attempts: number, retryAt: Date, error: string): Promise<boolean> {
    return this.changedOne(() =>
      this.statements.retryLater.run(attempts, retryAt.getTime(), error, ...keyAndOwner(key, owner)),
    );
  }

  complete(key: NoticeKey, owner: string, outcome: DeliveryOutcome, at: Date): Promise<boolean> {
    return this.changedOne(() => this.statements.complete.run(outcome, at.getTime(), ...keyAndOwner(key, owner)));
  }

  nextReadyAt(): Promise<Date | null> {
    return settle(() => {
      const readyAt = this.statements.nextReadyAt.get()?.ready_at ?? null;
      return readyAt === null ? null : new Date(readyAt);
    });
  }

  holders(): Promise<string[]> {
    return settle(() => this.statements.holders.all().map((row) => row.lease_owner));
  }

  releaseHeldBy(owner: string): Promise<number> {
    return settle(() => this.statements.release.run(owner).changes);
  }

  queuedCount(): Promise<number> {
    return settle(() => this.statements.queued.get()?.queued ?? 0);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private changedOne(write: () => { changes: number }): Promise<boolean> {
    return settle(() => write().changes === 1);
  }
}

function keyAndOwner(key: NoticeKey, owner: string): KeyAndOwner {
  return [key.tokenId, key.thresholdDays, owner];
}

function toDelivery(row: DeliveryRow): NoticeDelivery {
  return {
    tokenId: row.token_id,
    thresholdDays: row.threshold_days,
    noticeId: row.notice_id,
    channel: row.channel,
    claimedAt: new Date(row.claimed_at),
    attempts: row.attempts,
    delivered: row.delivered === '' ? [] : row.delivered.split('+'),
    lastError: row.last_error,
  };
}
