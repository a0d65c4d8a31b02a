import { publicEventData, toTokenEvent, type RecordedEvent } from '@pat/domain';
import type { AuditEventFilter } from './audit-event-filter';
import type { AuditEventItem } from './audit-event.response';
import type { TokenOwners } from './token-owners';

/** Turns recorded events into audit items, in log order, keeping those the filter wants. */
export class AuditEventMatcher {
  constructor(
    private readonly filter: AuditEventFilter,
    private readonly owners: TokenOwners,
  ) {}

  /** The event as the audit log shows it, or null when it is not a token event or not wanted. */
  async match(recorded: RecordedEvent): Promise<AuditEventItem | null> {
    const event = toTokenEvent(recorded);
    if (event === null) return null;
    const { filter } = this;
    const { tokenId } = event.data;
    if (event.type === 'TokenGenerated') this.owners.remember(tokenId, event.data.userId);
    if (filter.type !== undefined && event.type !== filter.type) return null;
    if (filter.tokenId !== undefined && tokenId !== filter.tokenId) return null;
    const userId = await this.owners.of(tokenId);
    if (filter.userId !== undefined && userId !== filter.userId) return null;
    return {
      id: recorded.id,
      position: recorded.position,
      type: event.type,
      occurredAt: recorded.recordedAt.toISOString(),
      actor: recorded.metadata.actor,
      tokenId,
      userId,
      data: publicEventData(event),
    };
  }
}
