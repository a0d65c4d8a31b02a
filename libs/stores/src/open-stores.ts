import type { AppConfig } from '@pat/config';
import type { EventStore, TokenProjection, TokenReadModel, TokenUsageStore, WebSessionStore } from '@pat/domain';
import { join } from 'node:path';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { InMemoryTokenReadModel } from './memory/in-memory-token-read-model';
import { MongoTokenReadModel } from './mongo/mongo-token-read-model';
import { MongoTokenUsageStore } from './mongo/mongo-token-usage-store';
import { MongoWebSessionStore } from './mongo/mongo-web-session-store';
import type { FreshnessSignal } from './projection/projection-freshness';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { SqliteTokenUsageStore } from './sqlite/sqlite-token-usage-store';
import { SqliteWebSessionStore } from './sqlite/sqlite-web-session-store';

export type TokenReadModelStore = TokenReadModel & TokenProjection & { close?(): Promise<void> };

/** EventStoreDB when EVENTSTORE_URL is set, else the embedded SQLite log in DATA_DIR. */
export function openEventStore(config: AppConfig): EventStore {
  if (config.eventstoreUrl !== null) return new EventStoreDbEventStore(config.eventstoreUrl);
  return new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { busyTimeoutMs: config.sqliteBusyTimeoutMs });
}

/**
 * MongoDB when MONGO_URL is set, else an in-memory model rebuilt from the log at start. For an
 * API process, whose own projection keeps it current and sets `freshness`: MongoDB views found
 * by digest are cached while it holds; the in-memory model refuses token checks while it does not.
 */
export async function openTokenReadModel(config: AppConfig, freshness: FreshnessSignal): Promise<TokenReadModelStore> {
  if (config.mongoUrl !== null) return MongoTokenReadModel.open(config.mongoUrl, { cacheByDigest: freshness });
  return new InMemoryTokenReadModel({ freshness });
}

/** MongoDB when MONGO_URL is set, else `DATA_DIR/usage.sqlite`, shared by the processes of one host. */
export async function openTokenUsageStore(config: AppConfig): Promise<TokenUsageStore> {
  if (config.mongoUrl !== null) return MongoTokenUsageStore.open(config.mongoUrl);
  return new SqliteTokenUsageStore(join(config.dataDir, 'usage.sqlite'), { busyTimeoutMs: config.sqliteBusyTimeoutMs });
}

/** MongoDB when MONGO_URL is set, else `DATA_DIR/sessions.sqlite`, shared by the processes of one host. */
export async function openWebSessionStore(config: AppConfig): Promise<WebSessionStore> {
  if (config.mongoUrl !== null) return MongoWebSessionStore.open(config.mongoUrl);
  return new SqliteWebSessionStore(join(config.dataDir, 'sessions.sqlite'), {
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
  });
}
