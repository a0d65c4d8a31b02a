import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import type { TokenUsageStore } from '@pat/domain';
import { openTokenUsageStore } from '@pat/stores';
import { APP_CONFIG } from '../infrastructure/injection-tokens';

/** How long a notice waits for the usage store before it goes out without the last use. */
const READ_TIMEOUT_MS = 2_000;

/**
 * When a token was last used, for an expiry notice to say: the API's usage store, opened on first
 * need. The notice never waits on it for long nor fails for it: unknown is an answer too.
 */
@Injectable()
export class TokenUseReader implements OnApplicationShutdown {
  private readonly logger = new Logger(TokenUseReader.name);
  private store: Promise<TokenUsageStore> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The last use the API recorded, null when it recorded none, undefined when the store does not say. */
  async lastUsedAt(tokenId: string): Promise<Date | null | undefined> {
    try {
      const store = await withTimeout(this.open());
      const lastUsed = await withTimeout(store.lastUsed([tokenId]));
      return lastUsed.get(tokenId) ?? null;
    } catch (error) {
      this.logger.warn(`Could not read when token ${tokenId} was last used: ${String(error)}`);
      return undefined;
    }
  }

  private open(): Promise<TokenUsageStore> {
    this.store ??= openTokenUsageStore(this.config).catch((error: unknown) => {
      this.store = null;
      throw error;
    });
    return this.store;
  }

  async onApplicationShutdown(): Promise<void> {
    const store = await this.store?.catch(() => null);
    await store?.close();
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
