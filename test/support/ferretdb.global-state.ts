import type { FerretDbServer } from './ferretdb';

/** Shared by globalSetup and globalTeardown, which jest runs in its main process. */
const state = globalThis as typeof globalThis & { patFerretDb?: FerretDbServer };

/**
 * Remembers the run's server. When jest ends without its teardown (an error, Ctrl-C, a CI
 * timeout), the server and its data go too; even a SIGKILL stops it (see FerretDbServer).
 */
export function runFerretDb(server: FerretDbServer): void {
  state.patFerretDb = server;
  process.once('exit', () => state.patFerretDb?.killNow());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      state.patFerretDb?.killNow();
      process.kill(process.pid, signal);
    });
  }
}

export async function stopFerretDb(): Promise<void> {
  const server = state.patFerretDb;
  state.patFerretDb = undefined;
  await server?.dispose();
}
