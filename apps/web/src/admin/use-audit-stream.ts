import { useEffect, useRef, useState } from 'react';
import { AUDIT_STREAM_PATH } from '../api/audit-api';
import { withQuery } from '../api/client';
import type { AuditEvent } from '../api/types';

export type StreamState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'stopped';

/**
 * Follows the audit stream from after `after` once `enabled`. EventSource reconnects by itself
 * (sending Last-Event-ID), also after the server's `end` frame; it gives up only on a refusal.
 */
export function useAuditStream(
  enabled: boolean,
  after: string | undefined,
  onEvent: (event: AuditEvent) => void,
): { state: StreamState; restart: () => void } {
  const [state, setState] = useState<StreamState>('idle');
  const [attempt, setAttempt] = useState(0);
  const latest = useRef({ after, onEvent });
  latest.current = { after, onEvent };

  useEffect(() => {
    if (!enabled) return;
    setState('connecting');
    const source = new EventSource(withQuery(AUDIT_STREAM_PATH, { after: latest.current.after }));
    source.onopen = () => setState('live');
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        latest.current.onEvent(JSON.parse(message.data) as AuditEvent);
      } catch {
        // A frame that is not an audit item is skipped.
      }
    };
    source.addEventListener('end', () => setState('reconnecting'));
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting');
    return () => source.close();
  }, [enabled, attempt]);

  return { state, restart: () => setAttempt((count) => count + 1) };
}
