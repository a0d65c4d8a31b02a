import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock } from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { tokenActor } from '../acting-as';
import { GetTokenQuery } from '../get-token/get-token.query';
import type { TokenItemResponse } from '../token-item.response';
import { TokenRepository } from '../token-repository';
import { SuspensionChangeCommand } from './suspension-change.command';

/** Suspends or reactivates a token; asking for the state it is already in records nothing. Answers the item. */
@CommandHandler(SuspensionChangeCommand)
export class SuspensionChangeHandler implements ICommandHandler<SuspensionChangeCommand, TokenItemResponse> {
  constructor(
    private readonly repository: TokenRepository,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    user,
    tokenId,
    change,
    reason,
    correlationId,
    as,
  }: SuspensionChangeCommand): Promise<TokenItemResponse> {
    await this.repository.execute(
      { type: change, tokenId, actor: tokenActor(user, as), reason, now: this.clock.now() },
      { commandId: randomUUID(), correlationId, actor: user.userId },
    );
    return this.queries.execute(new GetTokenQuery(user.userId, tokenId, as));
  }
}
