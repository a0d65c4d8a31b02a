import { ApiProperty } from '@nestjs/swagger';
import { DomainValidationError, type TokenListQuery, type TokenReadModel, type TokenView } from '@pat/domain';
import { decodeTokenPageCursor, encodeTokenPageCursor, TOKEN_PAGE_CURSOR_MESSAGE } from './token-page-cursor';
import { PAGE_DEFAULT } from '../../http/page-limit.decorator';

export interface TokenPageRequest {
  cursor?: string;
  limit?: number;
}

export interface TokenPage {
  views: TokenView[];
  nextCursor: string | null;
}

/** One page of a newest-first list: one more token than asked for is read, to know whether a next page exists. */
export async function readTokenPage(
  readModel: TokenReadModel,
  query: Omit<TokenListQuery, 'after' | 'limit'>,
  { cursor, limit = PAGE_DEFAULT }: TokenPageRequest,
): Promise<TokenPage> {
  const after = cursor === undefined ? undefined : decodeTokenPageCursor(cursor);
  if (after === null) throw new DomainValidationError('cursor', TOKEN_PAGE_CURSOR_MESSAGE);
  const found = await readModel.list({ ...query, after, limit: limit + 1 });
  const views = found.slice(0, limit);
  const last = views.at(-1);
  return { views, nextCursor: found.length > limit && last ? encodeTokenPageCursor(last) : null };
}

export class TokenPageResponse {
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null at the end' })
  nextCursor!: string | null;
}
