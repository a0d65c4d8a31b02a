import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TOKEN_READ_MODEL, TokenNotFoundError, type Clock, type TokenReadModel } from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { CLOCK } from '../../infrastructure/clock.provider';
import { AdminTokenItemResponse } from '../list-all-tokens/admin-token-item.response';
import { TokenItemResponse } from '../token-item.response';
import { GetTokenQuery } from './get-token.query';

/** To its owner, another user's token answers exactly as a missing one does. */
@QueryHandler(GetTokenQuery)
export class GetTokenHandler implements IQueryHandler<GetTokenQuery, TokenItemResponse> {
  constructor(
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async execute({ userId, tokenId, as }: GetTokenQuery): Promise<TokenItemResponse> {
    const view = await this.readModel.findById(tokenId);
    if (view === null || (as === 'owner' && view.userId !== userId)) throw new TokenNotFoundError(tokenId);
    const usage = (await this.usage.usageOf([tokenId])).get(tokenId);
    const now = this.clock.now();
    return as === 'admin'
      ? AdminTokenItemResponse.withOwner(view, now, usage)
      : TokenItemResponse.from(view, now, usage);
  }
}
