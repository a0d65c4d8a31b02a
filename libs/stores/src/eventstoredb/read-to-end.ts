import type { StreamingRead } from '@eventstore/db-client';
import { StoreUnavailableError } from '@pat/domain';

/** Every item of a read, or a StoreUnavailableError when the server does not finish within `timeoutMs`. */
export function readToEnd<T>(read: StreamingRead<T>, timeoutMs: number, what: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    const timer = setTimeout(() => {
      reject(new StoreUnavailableError(`EventStoreDB did not answer ${what} within ${timeoutMs} ms`));
      void read.cancel().catch(() => undefined);
    }, timeoutMs);
    read.on('data', (item) => items.push(item));
    read.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    read.on('end', () => {
      clearTimeout(timer);
      resolve(items);
    });
  });
}
