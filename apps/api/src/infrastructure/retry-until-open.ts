import { Logger } from '@nestjs/common';

const MAX_BACKOFF_MS = 10_000;

/** Opens a store at boot, waiting with backoff while it is down instead of exiting. */
export async function retryUntilOpen<T>(what: string, open: () => Promise<T>): Promise<T> {
  const logger = new Logger('Stores');
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
      logger.warn(`The ${what} is unavailable (${String(error)}); retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
