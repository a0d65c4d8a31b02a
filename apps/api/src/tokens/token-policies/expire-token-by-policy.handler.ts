import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '@pat/config';
import type { Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenRepository } from '../token-repository';
import { ExpireTokenByPolicyCommand } from './expire-token-by-policy.command';

/** Records TokenExpired (`reason: "lifetime_policy"`) once for a token the current policy no longer allows. */
@CommandHandler(ExpireTokenByPolicyCommand)
export class ExpireTokenByPolicyHandler implements ICommandHandler<ExpireTokenByPolicyCommand, boolean> {
  constructor(
    private readonly repository: TokenRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ tokenId }: ExpireTokenByPolicyCommand): Promise<boolean> {
    const commandId = randomUUID();
    const policy = { maxLifetimeDays: this.config.tokenMaxLifetimeDays, allowNoExpiry: this.config.tokenAllowNoExpiry };
    const { events } = await this.repository.execute(
      { type: 'ExpireTokenByPolicy', tokenId, policy, now: this.clock.now() },
      { commandId, correlationId: commandId, actor: 'system:expiry' },
    );
    return events.length > 0;
  }
}
