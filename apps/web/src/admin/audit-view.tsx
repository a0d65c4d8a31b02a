import type { ReactElement } from 'react';
import { ErrorAlert } from '../ui/error-alert';
import { useNow } from '../ui/use-now';
import { AuditTable } from './audit-table';
import { useAuditLog } from './use-audit-log';
import { useAuditStream, type StreamState } from './use-audit-stream';

const STREAM_LABELS: Record<StreamState, string> = {
  idle: 'Not live yet',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Live updates stopped',
};

export function AuditView(): ReactElement {
  const log = useAuditLog();
  const now = useNow(60_000, log.events);
  const stream = useAuditStream(log.loaded, log.lastPosition, log.add);

  return (
    <section aria-labelledby="audit-title">
      <div className="view-header">
        <h2 id="audit-title">Audit</h2>
        <p role="status" className={`live live--${stream.state}`}>
          <span className="live__dot" aria-hidden="true" />
          {STREAM_LABELS[stream.state]}
        </p>
        {stream.state === 'stopped' && (
          <button type="button" className="button" onClick={stream.restart}>
            Reconnect
          </button>
        )}
      </div>
      <p className="muted">Every token event, newest first. New events appear as they happen.</p>
      <ErrorAlert message={log.error} />
      {log.events.length > 0 && <AuditTable events={log.events} now={now} />}
      {log.loaded && log.events.length === 0 && <p className="muted">No events yet.</p>}
      <div className="list-footer">
        {log.loading && <p className="muted">Loading events…</p>}
        {!log.loading && log.hasMore && (
          <button type="button" className="button" onClick={log.loadMore}>
            Load more
          </button>
        )}
      </div>
    </section>
  );
}
