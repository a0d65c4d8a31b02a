import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_STATUSES, type TokenStatus } from '@pat/domain';
import { IsIn, IsOptional } from 'class-validator';
import { PageLimit } from '../../http/page-limit.decorator';
import { IsTokenPageCursor, TOKEN_PAGE_CURSOR_MESSAGE, TOKEN_PAGE_CURSOR_PATTERN } from './token-page-cursor';

/** The query of a paged token list, newest first: a status filter, where to go on from and how many. */
export class TokenPageDto {
  @ApiPropertyOptional({ enum: TOKEN_STATUSES, description: 'Only tokens with this status' })
  @IsOptional()
  @IsIn(TOKEN_STATUSES, { message: `status must be one of ${TOKEN_STATUSES.join(', ')}` })
  status?: TokenStatus;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page, as it was given',
    pattern: TOKEN_PAGE_CURSOR_PATTERN,
  })
  @IsOptional()
  @IsTokenPageCursor({ message: TOKEN_PAGE_CURSOR_MESSAGE })
  cursor?: string;

  @PageLimit()
  limit?: number;
}
