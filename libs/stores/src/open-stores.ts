import type { AppConfig } from '@pat/config';
import type { EventStore, TokenProjection, TokenReadModel } from '@pat/domain';
import { join } from 'node:path';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { InMemoryTokenReadModel } from './memory/in-memory-token-read-model';
import { MongoTokenReadModel } from './mongo/mongo-token-read-model';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type TokenReadModelStore = TokenReadModel & TokenProjection & { close?(): Promise<void> };

/** EventStoreDB when EVENTSTORE_URL is set, else the embedded SQLite log in DATA_DIR. */
export function openEventStore(config: AppConfig): EventStore {
  if (config.eventStoreUrl !== null) return new EventStoreDbEventStore(config.eventStoreUrl);
  return new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { busyTimeoutMs: config.sqliteBusyTimeoutMs });
}

/**
 * MongoDB when MONGO_URL is set, else an in-memory model rebuilt from the log at start. For an
 * API process, whose own projection keeps it current: MongoDB views found by digest are cached.
 */
export async function openTokenReadModel(config: AppConfig): Promise<TokenReadModelStore> {
  if (config.mongoUrl !== null) return MongoTokenReadModel.open(config.mongoUrl, { cacheByDigest: true });
  return new InMemoryTokenReadModel();
}
