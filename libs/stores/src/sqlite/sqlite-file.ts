import Database, { type Database as Connection } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SqliteFileOptions {
  /** How long a write waits for another process's write lock before the store counts as unavailable. */
  busyTimeoutMs?: number;
  /** FULL where a commit is the record (the event log); NORMAL where a lost last commit is recovered or harmless. */
  synchronous: 'FULL' | 'NORMAL';
  /** Further pragmas, set before the schema is created. */
  pragmas?: readonly string[];
}

/**
 * A connection to a SQLite file of DATA_DIR, its folder created private when missing: WAL mode,
 * so that several processes of the host share the file, and `schema` in place.
 */
export function openSqliteFile(file: string, schema: string, options: SqliteFileOptions): Connection {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new Database(file, { timeout: busyTimeoutMs });
  whileBusy(busyTimeoutMs, () => db.pragma('journal_mode = WAL'));
  db.pragma(`synchronous = ${options.synchronous}`);
  for (const pragma of options.pragmas ?? []) db.pragma(pragma);
  db.exec(schema);
  return db;
}

const RETRY_PAUSE_MS = 20;

/**
 * Runs `step` again while the file is busy, up to `timeoutMs`. Switching a new file to WAL
 * while another process creates it answers SQLITE_BUSY at once, without the busy handler:
 * two processes started together on a fresh DATA_DIR would otherwise fail to start.
 */
function whileBusy(timeoutMs: number, step: () => unknown): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      step();
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, RETRY_PAUSE_MS);
    }
  }
}
