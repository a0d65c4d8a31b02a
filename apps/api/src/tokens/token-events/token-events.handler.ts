import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  TokenNotFoundError,
  publicEventData,
  toTokenEvent,
  tokenStreamName,
  type EventStore,
  type TokenEvent,
} from '@pat/domain';
import type { TokenEventsResponse } from './token-events.response';
import { GetTokenEventsQuery } from './token-events.query';

/** The token's audit trail, read from its own stream, oldest first. */
@QueryHandler(GetTokenEventsQuery)
export class GetTokenEventsHandler implements IQueryHandler<GetTokenEventsQuery, TokenEventsResponse> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ userId, tokenId }: GetTokenEventsQuery): Promise<TokenEventsResponse> {
    const recorded = await this.store.readStream(tokenStreamName(tokenId));
    const items = recorded.flatMap((entry) => {
      const event: TokenEvent | null = toTokenEvent(entry);
      return event
        ? [{ type: event.type, occurredAt: entry.recordedAt.toISOString(), data: publicEventData(event) }]
        : [];
    });
    const generated = recorded[0] ? toTokenEvent(recorded[0]) : null;
    if (generated?.type !== 'TokenGenerated' || generated.data.userId !== userId) {
      throw new TokenNotFoundError(tokenId);
    }
    return { items };
  }
}
