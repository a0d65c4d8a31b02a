import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TOKEN_READ_MODEL, TokenNotFoundError, type Clock, type TokenReadModel } from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenItemResponse } from '../token-item.response';
import { GetTokenQuery } from './get-token.query';

/** Another user's token answers exactly as a missing one does. */
@QueryHandler(GetTokenQuery)
export class GetTokenHandler implements IQueryHandler<GetTokenQuery, TokenItemResponse> {
  constructor(
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async execute({ userId, tokenId }: GetTokenQuery): Promise<TokenItemResponse> {
    const view = await this.readModel.findById(tokenId);
    if (view === null || view.userId !== userId) throw new TokenNotFoundError(tokenId);
    const lastUsed = await this.usage.lastUsed([tokenId]);
    return TokenItemResponse.from(view, this.clock.now(), lastUsed.get(tokenId));
  }
}
