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
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  for (const pragma of options.pragmas ?? []) db.pragma(pragma);
  db.exec(schema);
  return db;
}
