import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorId, IDLE_REVOCATION_ACTOR, type Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenRepository } from '../token-repository';
import { RevokeIdleTokenCommand } from './revoke-idle-token.command';

/** Revokes a token left unused, once; a second process racing for it records nothing. */
@CommandHandler(RevokeIdleTokenCommand)
export class RevokeIdleTokenHandler implements ICommandHandler<RevokeIdleTokenCommand, boolean> {
  constructor(
    private readonly repository: TokenRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tokenId, lastUsedAt, idleDays }: RevokeIdleTokenCommand): Promise<boolean> {
    const commandId = randomUUID();
    const { events } = await this.repository.execute(
      { type: 'RevokeIdleToken', tokenId, lastUsedAt, idleDays, now: this.clock.now() },
      { commandId, correlationId: commandId, actor: actorId(IDLE_REVOCATION_ACTOR) },
    );
    return events.length > 0;
  }
}
