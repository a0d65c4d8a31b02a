import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_EVENT_TYPES, type TokenEventType } from '@pat/domain';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageLimit } from '../../http/page-limit.decorator';

export class ListAuditEventsDto {
  @ApiPropertyOptional({
    description:
      'The `nextCursor` (or an item `position`) to continue after; absent = from the start. A position of the ' +
      "configured log: digits on the embedded log, `commit/prepare` on EventStoreDB; another log's is refused",
  })
  @IsOptional()
  @IsString({ message: 'after must be a cursor' })
  @Length(1, 100, { message: 'after must be a cursor' })
  after?: string;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ enum: TOKEN_EVENT_TYPES, description: 'Only events of this type' })
  @IsOptional()
  @IsIn(TOKEN_EVENT_TYPES, { message: `type must be one of ${TOKEN_EVENT_TYPES.join(', ')}` })
  type?: TokenEventType;

  @ApiPropertyOptional({ description: "Only events of this user's tokens", minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'userId must be a string' })
  @Length(1, 200, { message: 'userId must be 1 to 200 characters' })
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events of this token' })
  @IsOptional()
  @IsUUID(undefined, { message: 'tokenId must be a UUID' })
  tokenId?: string;
}
