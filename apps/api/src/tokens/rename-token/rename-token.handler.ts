import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { GetTokenQuery } from '../get-token/get-token.query';
import type { TokenItemResponse } from '../token-item.response';
import { TokenRepository } from '../token-repository';
import { RenameTokenCommand } from './rename-token.command';

/** Renames or re-limits one of the caller's active tokens, in one append; what does not change records nothing. Answers the item. */
@CommandHandler(RenameTokenCommand)
export class RenameTokenHandler implements ICommandHandler<RenameTokenCommand, TokenItemResponse> {
  constructor(
    private readonly repository: TokenRepository,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ user, tokenId, changes, correlationId }: RenameTokenCommand): Promise<TokenItemResponse> {
    await this.repository.execute(
      {
        type: 'EditToken',
        tokenId,
        actor: { kind: 'user', userId: user.userId, isAdmin: false },
        ...changes,
        now: this.clock.now(),
      },
      { commandId: randomUUID(), correlationId, actor: user.userId },
    );
    return this.queries.execute(new GetTokenQuery(user.userId, tokenId));
  }
}
