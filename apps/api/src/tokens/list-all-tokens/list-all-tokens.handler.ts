import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TOKEN_READ_MODEL, type Clock, type TokenReadModel } from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { CLOCK } from '../../infrastructure/clock.provider';
import { AdminTokenItemResponse, type AdminTokenListResponse } from './admin-token-item.response';
import { ListAllTokensQuery } from './list-all-tokens.query';
import { readTokenPage } from '../token-page/token-page';

/** Every user's tokens, newest first, a page at a time. */
@QueryHandler(ListAllTokensQuery)
export class ListAllTokensHandler implements IQueryHandler<ListAllTokensQuery, AdminTokenListResponse> {
  constructor(
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async execute({ userId, status, page }: ListAllTokensQuery): Promise<AdminTokenListResponse> {
    const now = this.clock.now();
    const { views, nextCursor } = await readTokenPage(this.readModel, { userId, status, now }, page);
    const usage = await this.usage.usageOf(views.map((view) => view.id));
    return {
      items: views.map((view) => AdminTokenItemResponse.withOwner(view, now, usage.get(view.id))),
      nextCursor,
    };
  }
}
