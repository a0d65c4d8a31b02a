import { shownNoticeFailureDetail } from '../notice/notice-failure-detail';
import type { RecordedEvent } from '../ports/event-store.port';
import { isTokenEventType, TOKEN_GENERATED_SCHEMA_VERSION, type TokenEvent } from './token.events';
import { UNRESTRICTED_SCOPE } from './token-scopes';

/**
 * The token event a recorded event carries, in its current version, or null for an event of
 * another kind. An older TokenGenerated is read in the current version: version 1 (before
 * scopes) as granting every scope, versions 1 and 2 (before rate limits) as having no limit.
 */
export function toTokenEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): TokenEvent | null {
  if (!isTokenEventType(recorded.type)) return null;
  const version = recorded.data['schemaVersion'];
  if (recorded.type === 'TokenGenerated' && (version === 1 || version === 2)) {
    const upcast = {
      ...(version === 1 ? { scopes: [UNRESTRICTED_SCOPE] } : {}),
      ...recorded.data,
      schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
      maxRequestsPerSecond: null,
    };
    return { type: 'TokenGenerated', data: upcast } as TokenEvent;
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
