import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  TOKEN_READ_MODEL,
  TOKEN_STREAM_PREFIX,
  publicEventData,
  toTokenEvent,
  type EventStore,
  type RecordedEvent,
  type TokenReadModel,
} from '@pat/domain';
import type { AuditEventItem, AuditEventsResponse } from './audit-event.response';
import { ListAuditEventsQuery, type AuditEventFilter } from './list-audit-events.query';
import { TokenOwners } from './token-owners';

/** How many events one request may read while looking for matches, so a narrow filter stays cheap. */
const MAX_SCANNED = 5000;
const FILTERED_BATCH = 500;

/**
 * The token streams of the global log, oldest first. Filters are applied while scanning; the
 * cursor is the position of the last event scanned, so the next page starts right after it.
 */
@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery, AuditEventsResponse> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
  ) {}

  async execute({ after, limit, filter }: ListAuditEventsQuery): Promise<AuditEventsResponse> {
    const owners = new TokenOwners(this.readModel, this.store);
    const filtered = filter.type !== undefined || filter.userId !== undefined || filter.tokenId !== undefined;
    const items: AuditEventItem[] = [];
    let cursor = after;
    let scanned = 0;
    for (;;) {
      const wanted = Math.min(filtered ? FILTERED_BATCH : limit, MAX_SCANNED - scanned);
      const batch = await this.store.readAll(cursor, wanted, { streamPrefix: TOKEN_STREAM_PREFIX });
      for (const recorded of batch) {
        scanned += 1;
        cursor = recorded.position;
        const item = await this.toItem(recorded, filter, owners);
        if (item) items.push(item);
        if (items.length >= limit) return { items, nextCursor: cursor };
      }
      if (batch.length < wanted) return { items, nextCursor: null };
      if (scanned >= MAX_SCANNED) return { items, nextCursor: cursor };
    }
  }

  /** The event as the audit log shows it, or null when it is not a token event or not wanted. */
  private async toItem(
    recorded: RecordedEvent,
    filter: AuditEventFilter,
    owners: TokenOwners,
  ): Promise<AuditEventItem | null> {
    const event = toTokenEvent(recorded);
    if (event === null) return null;
    const { tokenId } = event.data;
    if (event.type === 'TokenGenerated') owners.remember(tokenId, event.data.userId);
    if (filter.type !== undefined && event.type !== filter.type) return null;
    if (filter.tokenId !== undefined && tokenId !== filter.tokenId) return null;
    const userId = await owners.of(tokenId);
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
