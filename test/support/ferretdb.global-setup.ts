import { FerretDbServer } from './ferretdb';
import { TEST_MONGO_URL } from './mongo-test-database';
import { runFerretDb } from './ferretdb.global-state';

/**
 * Jest globalSetup of the `int` and `e2e` projects: unless MONGO_URL names a server, starts one
 * FerretDB for the whole run and hands its URL to the test workers in TEST_MONGO_URL.
 * Fails the run, never skips, when FerretDB cannot be built or started.
 */
export default async function startMongoForTests(): Promise<void> {
  const given = process.env.MONGO_URL;
  if (given !== undefined && given !== '') {
    process.env[TEST_MONGO_URL] = given;
    return;
  }
  const server = await FerretDbServer.start();
  runFerretDb(server);
  process.env[TEST_MONGO_URL] = server.url();
}
