import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TOKEN_READ_MODEL, type Clock, type TokenReadModel } from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenItemResponse, type TokenListResponse } from '../token-item.response';
import { readTokenPage } from '../token-page/token-page';
import { ListTokensQuery } from './list-tokens.query';

@QueryHandler(ListTokensQuery)
export class ListTokensHandler implements IQueryHandler<ListTokensQuery, TokenListResponse> {
  constructor(
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async execute({ userId, status, page }: ListTokensQuery): Promise<TokenListResponse> {
    const now = this.clock.now();
    const { views, nextCursor } = await readTokenPage(this.readModel, { userId, status, now }, page);
    const usage = await this.usage.usageOf(views.map((view) => view.id));
    return { items: views.map((view) => TokenItemResponse.from(view, now, usage.get(view.id))), nextCursor };
  }
}
