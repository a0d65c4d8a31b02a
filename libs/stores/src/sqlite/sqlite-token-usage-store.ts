import type { TokenUse, TokenUsageStore } from '@pat/domain';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file';
import { settleSqlite } from './sqlite-operation';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS token_usage (
    token_id     TEXT    PRIMARY KEY,
    last_used_at INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** Last uses in their own SQLite file (`DATA_DIR/usage.sqlite`), shared by every process on the host. */
export class SqliteTokenUsageStore implements TokenUsageStore {
  private readonly db: Connection;
  private readonly upsert: Statement<[string, number]>;
  private readonly select: Statement<[string], { token_id: string; last_used_at: number }>;

  constructor(file: string, options: { busyTimeoutMs?: number } = {}) {
    this.db = openSqliteFile(file, SCHEMA, { ...options, synchronous: 'NORMAL' });
    this.upsert = this.db.prepare(
      `INSERT INTO token_usage (token_id, last_used_at) VALUES (?, ?)
       ON CONFLICT (token_id) DO UPDATE SET last_used_at = max(last_used_at, excluded.last_used_at)`,
    );
    this.select = this.db.prepare(
      'SELECT token_id, last_used_at FROM token_usage WHERE token_id IN (SELECT value FROM json_each(?))',
    );
  }

  record(uses: readonly TokenUse[]): Promise<void> {
    return settleSqlite('token usage store', () => {
      this.db.transaction(() => {
        for (const use of uses) this.upsert.run(use.tokenId, use.usedAt.getTime());
      })();
    });
  }

  lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>> {
    return settleSqlite('token usage store', () => {
      const rows = tokenIds.length === 0 ? [] : this.select.all(JSON.stringify(tokenIds));
      return new Map(rows.map((row) => [row.token_id, new Date(row.last_used_at)]));
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
