import { ApiProperty } from '@nestjs/swagger';
import { TOKEN_EVENT_TYPES, type TokenEventType } from '@pat/domain';

export class AuditEventItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The event's place in the log; usable as `after`" }) position!: string;
  @ApiProperty({ enum: TOKEN_EVENT_TYPES }) type!: TokenEventType;
  @ApiProperty({ format: 'date-time', description: 'When the event was recorded' }) occurredAt!: string;
  @ApiProperty({ description: 'Who caused it: a user id, or `system:<name>`' }) actor!: string;
  @ApiProperty({ format: 'uuid' }) tokenId!: string;
  @ApiProperty({ nullable: true, type: String, description: "The token's owner" }) userId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Event data, without the digest' })
  data!: Record<string, unknown>;
}

export class AuditEventsResponse {
  @ApiProperty({ type: [AuditEventItem] }) items!: AuditEventItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null at the end' })
  nextCursor!: string | null;
}
