import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '@pat/config';
import { DAY_MS, TOKEN_READ_MODEL, type Clock, type TokenListPosition, type TokenReadModel } from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { RevokeIdleTokenCommand } from './revoke-idle-token.command';

const BATCH = 500;

/**
 * With `TOKEN_IDLE_REVOKE_DAYS` set, revokes the active tokens unused that long, every
 * `TOKEN_IDLE_SWEEP_INTERVAL_MS`. It pages through the active tokens generated before the
 * cutoff (only those can be idle) and reads their last use as the list does. Every API process
 * runs it; the expected-revision append makes each revoke happen once.
 */
@Injectable()
export class IdleTokenSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdleTokenSweeper.name);
  private sweeping = false;

  constructor(
    private readonly commands: CommandBus,
    private readonly scheduler: SchedulerRegistry,
    private readonly usage: TokenUsageRecorder,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.tokenIdleRevokeDays === null) return;
    const timer = setInterval(() => void this.sweep(), this.config.tokenIdleSweepIntervalMs);
    this.scheduler.addInterval('token-idle-sweep', timer);
    void this.sweep();
  }

  /** Returns how many tokens this call revoked. */
  async sweep(): Promise<number> {
    const idleDays = this.config.tokenIdleRevokeDays;
    if (idleDays === null || this.sweeping) return 0;
    this.sweeping = true;
    let revoked = 0;
    try {
      const now = this.clock.now();
      const cutoff = new Date(now.getTime() - idleDays * DAY_MS);
      let after: TokenListPosition = { createdAt: cutoff, id: '' };
      for (;;) {
        const page = await this.readModel.list({ status: 'active', now, after, limit: BATCH });
        const lastUsed = await this.usage.lastUsed(page.map((view) => view.id));
        for (const view of page) {
          const lastUsedAt = lastUsed.get(view.id) ?? null;
          if ((lastUsedAt ?? view.createdAt).getTime() > cutoff.getTime()) continue;
          const command = new RevokeIdleTokenCommand(view.id, lastUsedAt, idleDays);
          if (await this.commands.execute<RevokeIdleTokenCommand, boolean>(command)) revoked++;
        }
        if (page.length < BATCH) break;
        after = page[page.length - 1];
      }
      if (revoked > 0) this.logger.log({ revoked, idleDays }, 'Revoked tokens left unused');
    } catch (error) {
      this.logger.warn(`Idle token sweep stopped early, will retry: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
    return revoked;
  }
}
