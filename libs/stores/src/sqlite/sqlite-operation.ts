import { StoreUnavailableError } from '@pat/domain';

/** SQLite failures of the store itself (locked too long, disk, file), as opposed to a bad call. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

/**
 * Runs synchronous database work, reporting a failure as a rejection rather than a throw:
 * a StoreUnavailableError naming `store` when SQLite itself failed, the error as it is otherwise.
 */
export function settleSqlite<T>(store: string, work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    // Matched by code, not class: the driver keeps the error class of the first module instance
    // that loaded it, which differs from this one where modules load more than once (jest).
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && UNAVAILABLE.test(code)) {
      return Promise.reject(new StoreUnavailableError(`${store} failed: ${code}`, { cause: error }));
    }
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
