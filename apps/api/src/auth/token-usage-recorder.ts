import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  newestClients,
  RECENT_CLIENTS,
  TOKEN_USAGE_STORE,
  USER_AGENT_MAX_LENGTH,
  type ClientUse,
  type TokenUsageStore,
} from '@pat/domain';
import { APP_CONFIG } from '../infrastructure/app-config.provider';

/** What is known of a token's use. */
export interface TokenUsage {
  lastUsedAt?: Date;
  recentClients: readonly ClientUse[];
}

/** A token's uses since the last write: the latest time, and the distinct clients with theirs. */
interface PendingUse {
  atMs: number;
  clients: { address: string; userAgent: string | null; atMs: number }[];
}

/**
 * `lastUsedAt` and the recent clients, as GitLab keeps them: the auth check only notes the use in
 * memory (no allocation for a client already seen); a timer writes the latest use of each token,
 * with its clients, in one batch per interval (and at shutdown).
 */
@Injectable()
export class TokenUsageRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TokenUsageRecorder.name);
  private pending = new Map<string, PendingUse>();
  private writing = new Map<string, PendingUse>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(TOKEN_USAGE_STORE) private readonly store: TokenUsageStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  used(tokenId: string, atMs: number): void {
    const use = this.pending.get(tokenId);
    if (use === undefined) this.pending.set(tokenId, { atMs, clients: [] });
    else use.atMs = atMs;
  }

  /** Notes where the use just noted by `used` came from. */
  usedFrom(tokenId: string, address: string, userAgent: string | undefined): void {
    const use = this.pending.get(tokenId);
    if (use === undefined) return;
    const agent = userAgent === undefined || userAgent === '' ? null : userAgent;
    for (const client of use.clients) {
      if (client.address === address && client.userAgent === agent) {
        client.atMs = use.atMs;
        return;
      }
    }
    const kept = agent !== null && agent.length > USER_AGENT_MAX_LENGTH ? agent.slice(0, USER_AGENT_MAX_LENGTH) : agent;
    if (use.clients.length >= RECENT_CLIENTS) use.clients.shift();
    use.clients.push({ address, userAgent: kept, atMs: use.atMs });
  }

  /** The last use of each token: as written by any process, or newer from this one and not written yet. */
  async lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>> {
    const recorded = await this.store.lastUsed(tokenIds);
    for (const tokenId of tokenIds) {
      const unwritten = this.unwritten(tokenId)?.atMs;
      if (unwritten !== undefined && unwritten > (recorded.get(tokenId)?.getTime() ?? -Infinity)) {
        recorded.set(tokenId, new Date(unwritten));
      }
    }
    return recorded;
  }

  /** The recent clients of each token, those this process has not written yet included. */
  async recentClients(tokenIds: readonly string[]): Promise<Map<string, ClientUse[]>> {
    const recorded = await this.store.recentClients(tokenIds);
    for (const tokenId of tokenIds) {
      const unwritten = this.unwritten(tokenId);
      if (unwritten === undefined || unwritten.clients.length === 0) continue;
      recorded.set(tokenId, newestClients([...(recorded.get(tokenId) ?? []), ...clientUses(unwritten)]));
    }
    return recorded;
  }

  /** What an item shows of each token's use: its last use and its recent clients. */
  async usageOf(tokenIds: readonly string[]): Promise<Map<string, TokenUsage>> {
    const [lastUsed, clients] = await Promise.all([this.lastUsed(tokenIds), this.recentClients(tokenIds)]);
    return new Map(
      tokenIds.map((tokenId) => [
        tokenId,
        { lastUsedAt: lastUsed.get(tokenId), recentClients: clients.get(tokenId) ?? [] },
      ]),
    );
  }

  private unwritten(tokenId: string): PendingUse | undefined {
    return this.pending.get(tokenId) ?? this.writing.get(tokenId);
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
      await this.store.record(
        [...batch].map(([tokenId, use]) => ({ tokenId, usedAt: new Date(use.atMs), clients: clientUses(use) })),
      );
    } catch (error) {
      for (const [tokenId, use] of batch) if (!this.pending.has(tokenId)) this.pending.set(tokenId, use);
      this.logger.warn(`Could not write the last uses of ${batch.size} tokens, will retry: ${String(error)}`);
    } finally {
      this.writing = new Map();
    }
  }
}

function clientUses(use: PendingUse): ClientUse[] {
  return use.clients.map(({ address, userAgent, atMs }) => ({ address, userAgent, usedAt: new Date(atMs) }));
}
