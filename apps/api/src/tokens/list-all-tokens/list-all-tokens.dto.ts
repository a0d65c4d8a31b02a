import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_STATUSES, type TokenStatus } from '@pat/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsTokenPageCursor, TOKEN_PAGE_CURSOR_PATTERN } from './token-page-cursor';

export const ADMIN_PAGE_MAX = 500;
export const ADMIN_PAGE_DEFAULT = 100;
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${ADMIN_PAGE_MAX}`;

export class ListAllTokensDto {
  @ApiPropertyOptional({ description: "Only this user's tokens", minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'userId must be a string' })
  @Length(1, 200, { message: 'userId must be 1 to 200 characters' })
  userId?: string;

  @ApiPropertyOptional({ enum: TOKEN_STATUSES, description: 'Only tokens with this status' })
  @IsOptional()
  @IsIn(TOKEN_STATUSES, { message: `status must be one of ${TOKEN_STATUSES.join(', ')}` })
  status?: TokenStatus;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page, as it was given (opaque)',
    pattern: TOKEN_PAGE_CURSOR_PATTERN,
  })
  @IsOptional()
  @IsTokenPageCursor({ message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: ADMIN_PAGE_MAX, default: ADMIN_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(ADMIN_PAGE_MAX, { message: LIMIT_MESSAGE })
  limit?: number;
}
