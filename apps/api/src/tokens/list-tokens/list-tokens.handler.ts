import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TOKEN_READ_MODEL, type Clock, type TokenReadModel } from '@pat/domain';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenItemResponse, type TokenListResponse } from '../token-item.response';
import { ListTokensQuery } from './list-tokens.query';

@QueryHandler(ListTokensQuery)
export class ListTokensHandler implements IQueryHandler<ListTokensQuery, TokenListResponse> {
  constructor(
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, status }: ListTokensQuery): Promise<TokenListResponse> {
    const now = this.clock.now();
    const views = await this.readModel.list({ userId, status, now });
    return { items: views.map((view) => TokenItemResponse.from(view, now)) };
  }
}
