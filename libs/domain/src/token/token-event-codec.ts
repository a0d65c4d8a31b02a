import { shownNoticeFailureDetail } from '../notice/notice-failure-detail';
import type { RecordedEvent } from '../ports/event-store.port';
import { isTokenEventType, TOKEN_GENERATED_SCHEMA_VERSION, type TokenEvent } from './token.events';
import { UNRESTRICTED_SCOPE } from './token-scopes';

/**
 * The token event a recorded event carries, in its current version, or null for an event of
 * another kind. A version-1 TokenGenerated (before scopes) is read as granting every scope.
 */
export function toTokenEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): TokenEvent | null {
  if (!isTokenEventType(recorded.type)) return null;
  if (recorded.type === 'TokenGenerated' && recorded.data['schemaVersion'] === 1) {
    return {
      type: 'TokenGenerated',
      data: { ...recorded.data, schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION, scopes: [UNRESTRICTED_SCOPE] },
    } as TokenEvent;
  }
  return { type: recorded.type, data: recorded.data } as TokenEvent;
}

/**
 * Event data as shown outside the service (to the owner and in the audit log): everything but
 * the digest, and a notice failure's detail only as fixed sentences (older events recorded a
 * channel's raw error there).
 */
export function publicEventData(event: TokenEvent): Record<string, unknown> {
  switch (event.type) {
    case 'TokenGenerated': {
      const { tokenDigest: _digest, ...rest } = event.data;
      return rest;
    }
    case 'ExpiryNoticeFailed':
      return { ...event.data, detail: shownNoticeFailureDetail(event.data.detail) };
    default:
      return { ...event.data };
  }
}
