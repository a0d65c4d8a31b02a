import {
  TOKEN_GENERATED_SCHEMA_VERSION,
  TokenDigester,
  TokenFormat,
  tokenStreamName,
  type EventMetadata,
  type TokenGenerated,
} from '@pat/domain';
import { SqliteEventStore } from '@pat/stores';
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';

const ROWS_PER_TRANSACTION = 50_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeededToken {
  id: string;
  token: string;
  userId: string;
  digest: string;
  name: string;
  expiresAt: Date;
  /** Absent: no limit. */
  maxRequestsPerSecond?: number | null;
}

export interface SeedOptions {
  count: number;
  pepper: string;
  prefix?: string;
  /** How many of the first tokens to return with their secret; the others are only in the log. */
  keep: number;
  /** Expiry of the i-th token; default: spread over 30 to 365 days from now. */
  expiresAt?: (index: number, now: number) => Date;
  userId?: (index: number) => string;
  /** `maxRequestsPerSecond` of the i-th token; default: none. */
  rateLimit?: (index: number) => number | null;
}

/**
 * Writes TokenGenerated events straight into an embedded log (the product's schema, made by
 * the product's own store) in large transactions: 1M tokens in seconds instead of hours of REST.
 */
export function seedTokens(file: string, options: SeedOptions): SeededToken[] {
  void new SqliteEventStore(file).close();
  const format = new TokenFormat(options.prefix ?? 'pat');
  const digester = new TokenDigester(options.pepper);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?)',
  );
  const now = Date.now();
  const expiresAt = options.expiresAt ?? ((index: number) => new Date(now + (30 + (index % 335)) * DAY_MS));
  const userOf = options.userId ?? ((index: number) => `user-${index % 10_000}`);
  const kept: SeededToken[] = [];
  const writeBatch = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const token = format.generate(randomBytes);
      const seeded: SeededToken = {
        id: randomUUID(),
        token,
        userId: userOf(index),
        digest: digester.digest(token),
        name: `bench token ${index}`,
        expiresAt: expiresAt(index, now),
        maxRequestsPerSecond: options.rateLimit?.(index) ?? null,
      };
      const event = generatedEvent(seeded, format.hint(token), new Date(now));
      const metadata: EventMetadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: seeded.userId };
      insert.run(
        randomUUID(),
        tokenStreamName(seeded.id),
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(metadata),
        now,
      );
      if (index < options.keep) kept.push(seeded);
    }
  });
  for (let from = 0; from < options.count; from += ROWS_PER_TRANSACTION) {
    writeBatch(from, Math.min(options.count, from + ROWS_PER_TRANSACTION));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return kept;
}

export function generatedEvent(token: Omit<SeededToken, 'token'>, hint: string, at: Date): TokenGenerated {
  return {
    type: 'TokenGenerated',
    data: {
      schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
      tokenId: token.id,
      userId: token.userId,
      ownerEmail: `${token.userId}@example.com`,
      name: token.name,
      tokenDigest: token.digest,
      tokenHint: hint,
      generatedAt: at.toISOString(),
      expiresAt: token.expiresAt.toISOString(),
      scopes: ['api', 'read_api'],
      maxRequestsPerSecond: token.maxRequestsPerSecond ?? null,
    },
  };
}

export interface AppendedToken {
  id: string;
  userId: string;
  name: string;
  expiresAt: Date;
}

/** Appends a TokenGenerated per token through a connection of its own, as another process (the API) would. */
export async function appendGeneratedTokens(file: string, tokens: readonly AppendedToken[]): Promise<void> {
  const store = new SqliteEventStore(file);
  const format = new TokenFormat('pat');
  try {
    for (const token of tokens) {
      const event = generatedEvent(
        { ...token, digest: randomBytes(32).toString('hex') },
        format.hint(format.generate(randomBytes)),
        new Date(),
      );
      const metadata: EventMetadata = { correlationId: token.id, causationId: token.id, actor: token.userId };
      await store.append(
        tokenStreamName(token.id),
        [{ id: randomUUID(), type: event.type, data: { ...event.data }, metadata }],
        'no_stream',
      );
    }
  } finally {
    await store.close();
  }
}
