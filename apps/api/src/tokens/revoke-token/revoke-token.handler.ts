import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { tokenActor } from '../acting-as';
import { TokenRepository } from '../token-repository';
import { RevokeTokenCommand } from './revoke-token.command';

/** Revokes a token of the caller's (an admin's: anyone's). Revoking twice records nothing. */
@CommandHandler(RevokeTokenCommand)
export class RevokeTokenHandler implements ICommandHandler<RevokeTokenCommand, void> {
  constructor(
    private readonly repository: TokenRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ user, tokenId, correlationId, as }: RevokeTokenCommand): Promise<void> {
    await this.repository.execute(
      {
        type: 'RevokeToken',
        tokenId,
        actor: tokenActor(user, as),
        reason: null,
        now: this.clock.now(),
      },
      { commandId: randomUUID(), correlationId, actor: user.userId },
    );
  }
}
