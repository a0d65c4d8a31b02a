import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '@pat/config';
import { TOKEN_READ_MODEL, type Clock, type TokenReadModel } from '@pat/domain';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { ExpireTokenCommand } from './expire-token.command';

const BATCH = 500;

/**
 * Records TokenExpired for tokens past their expiry, every few seconds. Every API process
 * runs it; the expected-revision append makes the record happen once.
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExpirySweeper.name);
  private sweeping = false;

  constructor(
    private readonly commands: CommandBus,
    private readonly scheduler: SchedulerRegistry,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.sweep(), this.config.expirySweepIntervalMs);
    this.scheduler.addInterval('token-expiry-sweep', timer);
    void this.sweep();
  }

  /** Returns how many tokens this call recorded as expired. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let recorded = 0;
    try {
      const due = await this.readModel.findDueForExpiry(this.clock.now(), BATCH);
      for (const view of due) {
        const expired = await this.commands.execute<ExpireTokenCommand, boolean>(new ExpireTokenCommand(view.id));
        if (expired) recorded++;
      }
    } catch (error) {
      this.logger.warn(`Expiry sweep stopped early, will retry: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
    return recorded;
  }
}
