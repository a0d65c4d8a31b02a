import { CLIENT_USE_KEPT_MS, newestClients, type ClientUse, type TokenUse, type TokenUsageStore } from '@pat/domain';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file';
import { settleSqlite } from './sqlite-operation';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS token_usage (
    token_id     TEXT    PRIMARY KEY,
    last_used_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS token_clients (
    token_id     TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    user_agent   TEXT    NOT NULL,
    last_used_at INTEGER NOT NULL,
    PRIMARY KEY (token_id, address, user_agent)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS token_clients_by_time ON token_clients (last_used_at);
`;

interface ClientRow {
  token_id: string;
  address: string;
  user_agent: string;
  last_used_at: number;
}

/** Last uses in their own SQLite file (`DATA_DIR/usage.sqlite`), shared by every process on the host. */
export class SqliteTokenUsageStore implements TokenUsageStore {
  private readonly db: Connection;
  private readonly upsert: Statement<[string, number]>;
  private readonly upsertClient: Statement<[string, string, string, number]>;
  private readonly forgetClients: Statement<[number]>;
  private readonly select: Statement<[string], { token_id: string; last_used_at: number }>;
  private readonly selectClients: Statement<[string], ClientRow>;

  constructor(file: string, options: { busyTimeoutMs?: number } = {}) {
    this.db = openSqliteFile(file, SCHEMA, { ...options, synchronous: 'NORMAL' });
    this.upsert = this.db.prepare(
      `INSERT INTO token_usage (token_id, last_used_at) VALUES (?, ?)
       ON CONFLICT (token_id) DO UPDATE SET last_used_at = max(last_used_at, excluded.last_used_at)`,
    );
    this.upsertClient = this.db.prepare(
      `INSERT INTO token_clients (token_id, address, user_agent, last_used_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (token_id, address, user_agent) DO UPDATE SET last_used_at = max(last_used_at, excluded.last_used_at)`,
    );
    this.forgetClients = this.db.prepare('DELETE FROM token_clients WHERE last_used_at < ?');
    this.select = this.db.prepare(
      'SELECT token_id, last_used_at FROM token_usage WHERE token_id IN (SELECT value FROM json_each(?))',
    );
    this.selectClients = this.db.prepare(
      `SELECT token_id, address, user_agent, last_used_at FROM token_clients
       WHERE token_id IN (SELECT value FROM json_each(?)) ORDER BY last_used_at DESC`,
    );
  }

  record(uses: readonly TokenUse[]): Promise<void> {
    return settleSqlite('token usage store', () => {
      this.db.transaction(() => {
        let latest = 0;
        for (const use of uses) {
          this.upsert.run(use.tokenId, use.usedAt.getTime());
          for (const client of use.clients ?? []) {
            this.upsertClient.run(use.tokenId, client.address, client.userAgent ?? '', client.usedAt.getTime());
          }
          latest = Math.max(latest, use.usedAt.getTime());
        }
        if (latest > 0) this.forgetClients.run(latest - CLIENT_USE_KEPT_MS);
      })();
    });
  }

  lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>> {
    return settleSqlite('token usage store', () => {
      const rows = tokenIds.length === 0 ? [] : this.select.all(JSON.stringify(tokenIds));
      return new Map(rows.map((row) => [row.token_id, new Date(row.last_used_at)]));
    });
  }

  recentClients(tokenIds: readonly string[]): Promise<Map<string, ClientUse[]>> {
    return settleSqlite('token usage store', () => {
      const rows = tokenIds.length === 0 ? [] : this.selectClients.all(JSON.stringify(tokenIds));
      const byToken = new Map<string, ClientUse[]>();
      for (const row of rows) {
        const uses = byToken.get(row.token_id) ?? [];
        uses.push({ address: row.address, userAgent: row.user_agent || null, usedAt: new Date(row.last_used_at) });
        byToken.set(row.token_id, uses);
      }
      return new Map([...byToken].map(([tokenId, uses]) => [tokenId, newestClients(uses)]));
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
