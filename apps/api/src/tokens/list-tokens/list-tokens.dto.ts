import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_STATUSES, type TokenStatus } from '@pat/domain';
import { IsIn, IsOptional } from 'class-validator';

export class ListTokensDto {
  @ApiPropertyOptional({ enum: TOKEN_STATUSES, description: 'Only tokens with this status' })
  @IsOptional()
  @IsIn(TOKEN_STATUSES, { message: `status must be one of ${TOKEN_STATUSES.join(', ')}` })
  status?: TokenStatus;
}
