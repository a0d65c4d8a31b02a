import type { RecordedEvent } from '../ports/event-store.port';
import { isTokenEventType, type TokenEvent } from './token.events';

/** The token event a recorded event carries, or null for an event of another kind. */
export function toTokenEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): TokenEvent | null {
  if (!isTokenEventType(recorded.type)) return null;
  return { type: recorded.type, data: recorded.data } as TokenEvent;
}

/** Event data as shown outside the service: everything but the digest. */
export function publicEventData(event: TokenEvent): Record<string, unknown> {
  if (event.type !== 'TokenGenerated') return { ...event.data };
  const { tokenDigest: _digest, ...rest } = event.data;
  return rest;
}
