import { ApiProperty } from '@nestjs/swagger';
import { CreatedTokenResponse } from '../generate-token/created-token.response';

/** The successor, shown once as a generated token is, and what became of the token it replaces. */
export class RotatedTokenResponse extends CreatedTokenResponse {
  @ApiProperty({ format: 'uuid', required: true, description: 'The rotated token, now replaced by this one' })
  declare predecessorId: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The old token is accepted until this instant, then refused with 401 token_rotated',
  })
  predecessorGraceUntil!: string;
}
