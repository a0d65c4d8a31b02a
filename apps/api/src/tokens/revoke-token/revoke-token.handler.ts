import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorId, type Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenRepository } from '../token-repository';
import { RevokeTokenCommand } from './revoke-token.command';

/** Revokes a token the actor may revoke (its owner's, an admin's: anyone's). Revoking twice records nothing. */
@CommandHandler(RevokeTokenCommand)
export class RevokeTokenHandler implements ICommandHandler<RevokeTokenCommand, void> {
  constructor(
    private readonly repository: TokenRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, tokenId, correlationId, reason }: RevokeTokenCommand): Promise<void> {
    await this.repository.execute(
      { type: 'RevokeToken', tokenId, actor, reason, now: this.clock.now() },
      { commandId: randomUUID(), correlationId, actor: actorId(actor) },
    );
  }
}
