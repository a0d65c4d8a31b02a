import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenRepository } from '../token-repository';
import { ExpireTokenCommand } from './expire-token.command';

/** Records TokenExpired once; a second process racing for the same token records nothing. */
@CommandHandler(ExpireTokenCommand)
export class ExpireTokenHandler implements ICommandHandler<ExpireTokenCommand, boolean> {
  constructor(
    private readonly repository: TokenRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tokenId }: ExpireTokenCommand): Promise<boolean> {
    const commandId = randomUUID();
    const { events } = await this.repository.execute(
      { type: 'ExpireToken', tokenId, now: this.clock.now() },
      { commandId, correlationId: commandId, actor: 'system:expiry' },
    );
    return events.length > 0;
  }
}
