import { ApiProperty } from '@nestjs/swagger';

export class WhoamiResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'uuid' }) tokenId!: string;
  @ApiProperty() tokenName!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({
    type: [String],
    example: ['read_api'],
    description: 'The scopes the token carries; `["*"]`: every scope',
  })
  scopes!: string[];
}

/** What a gateway or the guard package's `verifyUrl` mode learns about an accepted token. */
export class VerifyResponse extends WhoamiResponse {}
