import { ApiProperty } from '@nestjs/swagger';
import { TOKEN_EVENT_TYPES } from '@pat/domain';

export class TokenEventItem {
  @ApiProperty({ enum: TOKEN_EVENT_TYPES }) type!: string;
  @ApiProperty({ format: 'date-time', description: 'When the event was recorded' }) occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Event data, without the digest' })
  data!: Record<string, unknown>;
}

export class TokenEventsResponse {
  @ApiProperty({ type: [TokenEventItem] }) items!: TokenEventItem[];
}
