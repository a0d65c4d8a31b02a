import type { Database as Connection } from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS notifier_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS notice_schedule (
    token_id      TEXT    PRIMARY KEY,
    revision      INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    next_due_at   INTEGER,
    pending_count INTEGER NOT NULL,
    pending       TEXT    NOT NULL,
    held          INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS notice_schedule_by_next_due ON notice_schedule (next_due_at)
    WHERE next_due_at IS NOT NULL;
  CREATE INDEX IF NOT EXISTS notice_schedule_by_expiry ON notice_schedule (expires_at);
  CREATE TABLE IF NOT EXISTS notice_deliveries (
    token_id       TEXT    NOT NULL,
    threshold_days INTEGER NOT NULL,
    notice_id      TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    claimed_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    state          TEXT    NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    delivered      TEXT    NOT NULL DEFAULT '',
    ready_at       INTEGER NOT NULL,
    lease_owner    TEXT,
    lease_until    INTEGER,
    last_error     TEXT,
    completed_at   INTEGER,
    PRIMARY KEY (token_id, threshold_days)
  );
  CREATE INDEX IF NOT EXISTS notice_deliveries_queued ON notice_deliveries (ready_at) WHERE state = 'queued';
  CREATE INDEX IF NOT EXISTS notice_deliveries_by_expiry ON notice_deliveries (expires_at);
`;

export interface NotifierDatabaseOptions {
  /** How long a write waits for another process's write lock before the store counts as unavailable. */
  busyTimeoutMs?: number;
}

/**
 * A connection to the notifier's own SQLite file (`DATA_DIR/notifier.sqlite`): the notice
 * schedule, the delivery queue and the checkpoint. WAL mode, so that several notifier
 * processes share it. `synchronous = NORMAL`: a power cut may lose the last transactions,
 * but never half of one, and what they held is derived again from the event log.
 */
export function openNotifierDatabase(file: string, options: NotifierDatabaseOptions = {}): Connection {
  const db = openSqliteFile(file, SCHEMA, {
    ...options,
    synchronous: 'NORMAL',
    // A catch-up over 1M tokens touches pages all over the schedule's indexes: a 64 MiB page cache
    // keeps them in memory, and checkpoints every 20,000 pages (not 1,000) copy each page fewer times.
    pragmas: ['cache_size = -65536', 'wal_autocheckpoint = 20000'],
  });
  addColumnIfMissing(db, 'notice_schedule', 'held', 'INTEGER NOT NULL DEFAULT 0');
  addColumnIfMissing(db, 'notice_schedule', 'revocation_notice_due_at', 'INTEGER');
  return db;
}

/** Upgrades a file written before the column existed; under the write lock, so two processes add it once. */
function addColumnIfMissing(db: Connection, table: string, column: string, definition: string): void {
  db.transaction(() => {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[];
    if (!columns.some((existing) => existing.name === column)) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }).immediate();
}

/** Reads a value of `notifier_meta`, writing `initial` first when the key is absent. */
export function metaValue(db: Connection, key: string, initial: string): string {
  db.prepare('INSERT OR IGNORE INTO notifier_meta (key, value) VALUES (?, ?)').run(key, initial);
  return (db.prepare('SELECT value FROM notifier_meta WHERE key = ?').get(key) as { value: string }).value;
}
