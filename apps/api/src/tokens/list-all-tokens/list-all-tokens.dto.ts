import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { TokenPageDto } from '../token-page/token-page.dto';

export class ListAllTokensDto extends TokenPageDto {
  @ApiPropertyOptional({ description: "Only this user's tokens", minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'userId must be a string' })
  @Length(1, 200, { message: 'userId must be 1 to 200 characters' })
  userId?: string;
}
