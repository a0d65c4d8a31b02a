import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, TOKEN_READ_MODEL, TOKEN_STREAM_PREFIX, type EventStore, type TokenReadModel } from '@pat/domain';
import { isFiltered } from '../audit-event-filter';
import { AuditEventMatcher } from '../audit-event-matcher';
import type { AuditEventItem, AuditEventsResponse } from '../audit-event.response';
import { TokenOwners } from '../token-owners';
import { ListAuditEventsQuery } from './list-audit-events.query';

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
    const matcher = new AuditEventMatcher(filter, new TokenOwners(this.readModel, this.store));
    const batchSize = isFiltered(filter) ? FILTERED_BATCH : limit;
    const items: AuditEventItem[] = [];
    let cursor = after;
    let scanned = 0;
    for (;;) {
      const wanted = Math.min(batchSize, MAX_SCANNED - scanned);
      const batch = await this.store.readAll(cursor, wanted, { streamPrefix: TOKEN_STREAM_PREFIX });
      for (const recorded of batch) {
        scanned += 1;
        cursor = recorded.position;
        const item = await matcher.match(recorded);
        if (item) items.push(item);
        if (items.length >= limit) return { items, nextCursor: cursor };
      }
      if (batch.length < wanted) return { items, nextCursor: null };
      if (scanned >= MAX_SCANNED) return { items, nextCursor: cursor };
    }
  }
}
