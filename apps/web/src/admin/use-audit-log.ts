import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { listAuditEvents } from '../api/audit-api';
import type { AuditEvent } from '../api/types';
import { comparePositions } from './log-position';

export interface AuditLog {
  /** Newest first. */
  events: AuditEvent[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  /** The newest position loaded so far: where a live stream picks up. */
  lastPosition: string | undefined;
  loadMore: () => void;
  add: (event: AuditEvent) => void;
}

function merge(events: AuditEvent[], more: AuditEvent[]): AuditEvent[] {
  const known = new Set(events.map((event) => event.id));
  const fresh = more.filter((event) => !known.has(event.id));
  if (fresh.length === 0) return events;
  return [...events, ...fresh].sort((a, b) => comparePositions(b.position, a.position));
}

/** The audit log: read in pages (the API reads oldest first) and shown newest first. */
export function useAuditLog(): AuditLog {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback((after: string | undefined): void => {
    setLoading(true);
    setError(null);
    listAuditEvents(after)
      .then((page) => {
        setEvents((current) => merge(current, page.items));
        setCursor(page.nextCursor ?? null);
        setLoaded(true);
      })
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => fetchPage(undefined), [fetchPage]);

  const add = useCallback((event: AuditEvent) => setEvents((current) => merge(current, [event])), []);

  return {
    events,
    loaded,
    loading,
    error,
    hasMore: cursor !== null,
    lastPosition: events[0]?.position,
    loadMore: () => cursor !== null && fetchPage(cursor),
    add,
  };
}
