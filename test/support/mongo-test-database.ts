import { randomBytes } from 'node:crypto';
import { createConnection, type mongo } from 'mongoose';

/** Set by the jest globalSetup to the MongoDB-wire server of the run. */
export const TEST_MONGO_URL = 'TEST_MONGO_URL';

/** A database name no other test uses, valid for MongoDB and FerretDB alike. */
export function uniqueDatabaseName(label: string): string {
  return `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(6).toString('hex')}`;
}

/** URL of `database` on the run's server; throws (failing the test) when there is none. */
export function testMongoUrl(database: string): string {
  const base = process.env[TEST_MONGO_URL];
  if (base === undefined || base === '') {
    throw new Error(
      `${TEST_MONGO_URL} is not set: run this test through jest.config.js (its globalSetup starts FerretDB) or set MONGO_URL`,
    );
  }
  return withDatabase(base, database);
}

/** Replaces the database of a `mongodb://` URL, which may name several hosts (so not `new URL`). */
function withDatabase(url: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`${TEST_MONGO_URL} is not a mongodb:// URL`);
  return `${match[1]}/${database}${match[2] ?? ''}`;
}

/** Runs `work` on a plain connection to the database of `url`, for looking under an adapter. */
export async function withRawDatabase<T>(url: string, work: (db: mongo.Db) => Promise<T>): Promise<T> {
  const connection = await createConnection(url, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    if (!connection.db) throw new Error('mongoose connection has no database');
    return await work(connection.db);
  } finally {
    await connection.close();
  }
}

export function dropTestDatabase(url: string): Promise<void> {
  return withRawDatabase(url, async (db) => {
    await db.dropDatabase();
  });
}
