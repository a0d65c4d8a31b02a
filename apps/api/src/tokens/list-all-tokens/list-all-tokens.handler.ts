import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TOKEN_READ_MODEL, type Clock, type TokenReadModel } from '@pat/domain';
import { TokenUsageRecorder } from '../../auth/token-usage-recorder';
import { CLOCK } from '../../infrastructure/clock.provider';
import { AdminTokenItemResponse, type AdminTokenListResponse } from './admin-token-item.response';
import { ListAllTokensQuery } from './list-all-tokens.query';
import { decodeTokenPageCursor, encodeTokenPageCursor, isAfterCursor } from './token-page-cursor';

/** Every user's tokens, newest first, a page at a time. */
@QueryHandler(ListAllTokensQuery)
export class ListAllTokensHandler implements IQueryHandler<ListAllTokensQuery, AdminTokenListResponse> {
  constructor(
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async execute({ userId, status, cursor, limit }: ListAllTokensQuery): Promise<AdminTokenListResponse> {
    const now = this.clock.now();
    const views = await this.readModel.list({ userId, status, now });
    const from = cursor === undefined ? null : decodeTokenPageCursor(cursor);
    const remaining = from === null ? views : views.filter((view) => isAfterCursor(view, from));
    const page = remaining.slice(0, limit);
    const last = page[page.length - 1];
    const lastUsed = await this.usage.lastUsed(page.map((view) => view.id));
    return {
      items: page.map((view) => AdminTokenItemResponse.withOwner(view, now, lastUsed.get(view.id))),
      nextCursor: remaining.length > limit && last ? encodeTokenPageCursor(last) : null,
    };
  }
}
