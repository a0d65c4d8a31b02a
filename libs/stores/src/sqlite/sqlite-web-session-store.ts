import type { WebSession, WebSessionStore } from '@pat/domain';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file';
import { settleSqlite } from './sqlite-operation';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS web_sessions (
    id_digest  TEXT    PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    email      TEXT,
    roles      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS web_sessions_by_expiry ON web_sessions (expires_at);
`;

interface SessionRow {
  id_digest: string;
  user_id: string;
  email: string | null;
  roles: string;
  created_at: number;
  expires_at: number;
}

const STORE = 'web session store';

/** Sessions in their own SQLite file (`DATA_DIR/sessions.sqlite`), shared by every process on the host. */
export class SqliteWebSessionStore implements WebSessionStore {
  private readonly db: Connection;
  private readonly upsert: Statement<[SessionRow]>;
  private readonly select: Statement<[string, number], SessionRow>;
  private readonly remove: Statement<[string]>;
  private readonly removeExpired: Statement<[number]>;

  constructor(file: string, options: { busyTimeoutMs?: number } = {}) {
    this.db = openSqliteFile(file, SCHEMA, { ...options, synchronous: 'NORMAL' });
    this.upsert = this.db.prepare(
      `INSERT OR REPLACE INTO web_sessions (id_digest, user_id, email, roles, created_at, expires_at)
       VALUES (@id_digest, @user_id, @email, @roles, @created_at, @expires_at)`,
    );
    this.select = this.db.prepare('SELECT * FROM web_sessions WHERE id_digest = ? AND expires_at > ?');
    this.remove = this.db.prepare('DELETE FROM web_sessions WHERE id_digest = ?');
    this.removeExpired = this.db.prepare('DELETE FROM web_sessions WHERE expires_at <= ?');
  }

  save({ idDigest, user, createdAt, expiresAt }: WebSession): Promise<void> {
    return settleSqlite(STORE, () => {
      this.upsert.run({
        id_digest: idDigest,
        user_id: user.userId,
        email: user.email,
        roles: JSON.stringify(user.roles),
        created_at: createdAt.getTime(),
        expires_at: expiresAt.getTime(),
      });
    });
  }

  find(idDigest: string, now: Date): Promise<WebSession | null> {
    return settleSqlite(STORE, () => {
      const row = this.select.get(idDigest, now.getTime());
      return row === undefined ? null : sessionOf(row);
    });
  }

  end(idDigest: string): Promise<void> {
    return settleSqlite(STORE, () => {
      this.remove.run(idDigest);
    });
  }

  purgeExpired(now: Date): Promise<number> {
    return settleSqlite(STORE, () => this.removeExpired.run(now.getTime()).changes);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

function sessionOf(row: SessionRow): WebSession {
  return {
    idDigest: row.id_digest,
    user: { userId: row.user_id, email: row.email, roles: JSON.parse(row.roles) as string[] },
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}
