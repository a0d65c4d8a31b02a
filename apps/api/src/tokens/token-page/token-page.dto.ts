import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_STATUSES, type TokenStatus } from '@pat/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTokenPageCursor, TOKEN_PAGE_CURSOR_MESSAGE, TOKEN_PAGE_CURSOR_PATTERN } from './token-page-cursor';

export const TOKEN_PAGE_MAX = 500;
export const TOKEN_PAGE_DEFAULT = 100;
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${TOKEN_PAGE_MAX}`;

/** The query of a paged token list, newest first: a status filter, where to go on from and how many. */
export class TokenPageDto {
  @ApiPropertyOptional({ enum: TOKEN_STATUSES, description: 'Only tokens with this status' })
  @IsOptional()
  @IsIn(TOKEN_STATUSES, { message: `status must be one of ${TOKEN_STATUSES.join(', ')}` })
  status?: TokenStatus;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page, as it was given (opaque)',
    pattern: TOKEN_PAGE_CURSOR_PATTERN,
  })
  @IsOptional()
  @IsTokenPageCursor({ message: TOKEN_PAGE_CURSOR_MESSAGE })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: TOKEN_PAGE_MAX, default: TOKEN_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(TOKEN_PAGE_MAX, { message: LIMIT_MESSAGE })
  limit?: number;
}
