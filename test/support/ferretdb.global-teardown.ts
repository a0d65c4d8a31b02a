import { stopFerretDb } from './ferretdb.global-state';

/** Jest globalTeardown: stops the FerretDB of the run, if globalSetup started one. */
export default async function stopMongoForTests(): Promise<void> {
  await stopFerretDb();
}
