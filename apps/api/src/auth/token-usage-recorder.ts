import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { TOKEN_USAGE_STORE, type TokenUsageStore } from '@pat/domain';
import { APP_CONFIG } from '../infrastructure/app-config.provider';

/**
 * `lastUsedAt`, as GitLab keeps it: the auth check only notes the use in memory; a timer
 * writes the latest use of each token in one batch per interval (and at shutdown).
 */
@Injectable()
export class TokenUsageRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TokenUsageRecorder.name);
  private pending = new Map<string, number>();
  private writing = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(TOKEN_USAGE_STORE) private readonly store: TokenUsageStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  used(tokenId: string, atMs: number): void {
    this.pending.set(tokenId, atMs);
  }

  /** The last use of each token: as written by any process, or newer from this one and not written yet. */
  async lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>> {
    const recorded = await this.store.lastUsed(tokenIds);
    for (const tokenId of tokenIds) {
      const unwritten = this.pending.get(tokenId) ?? this.writing.get(tokenId);
      if (unwritten !== undefined && unwritten > (recorded.get(tokenId)?.getTime() ?? -Infinity)) {
        recorded.set(tokenId, new Date(unwritten));
      }
    }
    return recorded;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.config.lastUsedFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.store.close();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = (this.writing = this.pending);
    this.pending = new Map();
    try {
      await this.store.record([...batch].map(([tokenId, at]) => ({ tokenId, usedAt: new Date(at) })));
    } catch (error) {
      for (const [tokenId, at] of batch) if (!this.pending.has(tokenId)) this.pending.set(tokenId, at);
      this.logger.warn(`Could not write the last uses of ${batch.size} tokens, will retry: ${String(error)}`);
    } finally {
      this.writing = new Map();
    }
  }
}
