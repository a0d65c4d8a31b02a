import { request, withQuery } from './client';
import type { AuditEvent, Page } from './types';

export const AUDIT_STREAM_PATH = '/api/v1/audit/stream';

/** The log reads oldest first: `after` continues from a page's `nextCursor`. */
export function listAuditEvents(after: string | undefined, limit = 100): Promise<Page<AuditEvent>> {
  return request<Page<AuditEvent>>('GET', withQuery('/api/v1/audit/events', { after, limit }));
}
