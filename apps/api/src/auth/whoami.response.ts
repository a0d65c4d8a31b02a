import { ApiProperty } from '@nestjs/swagger';

export class WhoamiResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'uuid' }) tokenId!: string;
  @ApiProperty() tokenName!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
}

export class VerifyResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'uuid' }) tokenId!: string;
}
