import { embeddedSecret } from '@pat/config';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDouble } from '../eventstore-double/eventstore-double';
import { dropTestDatabase, testMongoUrl, uniqueDatabaseName, withRawDatabase } from './mongo-test-database';

/**
 * Which stores the end-to-end suites run on: the embedded default, or EventStoreDB (the gRPC
 * test server) with a MongoDB read model (the run's FerretDB). Chosen per jest project.
 */
export type StoreConfiguration = 'embedded' | 'eventstoredb+mongodb';

export const STORE_CONFIGURATION: StoreConfiguration =
  process.env.PAT_TEST_STORES === 'eventstoredb+mongodb' ? 'eventstoredb+mongodb' : 'embedded';

export const PRODUCTION_SECRETS = {
  AUTH_JWT_SECRET: 'e2e-user-jwt-secret-for-tests-only',
  TOKEN_PEPPER: 'e2e-token-pepper-for-tests-only-0123',
};

export interface TestStores {
  /** Environment for every process of one test's service (DATA_DIR included). */
  env: Record<string, string>;
  /** The EventStoreDB test server, when the configuration has one. */
  eventStore: EventStoreDouble | null;
  /** Everything the service keeps at rest, as text: files, event data and documents. */
  contents(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Fresh stores for one test's service: its own DATA_DIR, event store and read-model database. */
export async function testStores(dataDir: string): Promise<TestStores> {
  if (STORE_CONFIGURATION === 'embedded') {
    return {
      env: { DATA_DIR: dataDir },
      eventStore: null,
      contents: () => Promise.resolve(fileContents(dataDir)),
      stop: () => Promise.resolve(),
    };
  }
  const eventStore = new EventStoreDouble();
  await eventStore.start({ port: 0 });
  const mongoUrl = testMongoUrl(uniqueDatabaseName('e2e'));
  return {
    env: { DATA_DIR: dataDir, EVENTSTORE_URL: eventStore.connectionString, MONGO_URL: mongoUrl, ...PRODUCTION_SECRETS },
    eventStore,
    contents: async () => [
      ...fileContents(dataDir),
      ...eventStore.log.events.map((event) => Buffer.concat([event.data, event.customMetadata]).toString('latin1')),
      ...(await documentContents(mongoUrl)),
    ],
    stop: async () => {
      await eventStore.stop();
      await dropTestDatabase(mongoUrl);
    },
  };
}

function fileContents(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? fileContents(path) : [readFileSync(path).toString('latin1')];
  });
}

function documentContents(mongoUrl: string): Promise<string[]> {
  return withRawDatabase(mongoUrl, async (db) => {
    const collections = await db.listCollections().toArray();
    const documents = await Promise.all(
      collections.map((collection) => db.collection(collection.name).find().toArray()),
    );
    return documents.flat().map((document) => JSON.stringify(document));
  });
}

/** The pepper a service with this environment digests tokens with. */
export function tokenPepper(env: Record<string, string>): string {
  return env.TOKEN_PEPPER ?? embeddedSecret(env.DATA_DIR, 'token-pepper');
}

/** The HS256 secret a service with this environment verifies user JWTs with. */
export function userJwtSecret(env: Record<string, string>): string {
  return env.AUTH_JWT_SECRET ?? embeddedSecret(env.DATA_DIR, 'auth-jwt-secret');
}
