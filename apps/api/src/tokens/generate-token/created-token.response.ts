import { ApiProperty } from '@nestjs/swagger';
import { TokenItemResponse } from '../token-item.response';

export class CreatedTokenResponse extends TokenItemResponse {
  @ApiProperty({ description: 'The token itself. Shown in this response only: copy it now.' })
  token!: string;
}
