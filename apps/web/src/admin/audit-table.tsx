import type { ReactElement } from 'react';
import type { AuditEvent, AuditEventType } from '../api/types';
import { Timestamp } from '../ui/timestamp';

const EVENT_LABELS: Record<AuditEventType, string> = {
  TokenGenerated: 'Token generated',
  TokenRevoked: 'Token revoked',
  TokenExpired: 'Token expired',
  TokenRenamed: 'Token renamed',
  TokenRateLimitChanged: 'Rate limit changed',
  TokenSuspended: 'Token suspended',
  TokenReactivated: 'Token reactivated',
  TokenRotated: 'Token rotated',
  TokenLeakReported: 'Token reported leaked',
  ExpiryNoticeSent: 'Expiry notice sent',
  ExpiryNoticeFailed: 'Expiry notice failed',
  RevocationNoticeSent: 'Revocation notice sent',
  RevocationNoticeFailed: 'Revocation notice failed',
};

const FAILED_NOTICES: ReadonlySet<AuditEventType> = new Set(['ExpiryNoticeFailed', 'RevocationNoticeFailed']);

function tokenName(event: AuditEvent): string | null {
  const name = event.data['name'];
  return typeof name === 'string' ? name : null;
}

export function AuditTable({ events, now }: { events: AuditEvent[]; now: Date }): ReactElement {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Token</th>
            <th scope="col">Owner</th>
            <th scope="col">Actor</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className={FAILED_NOTICES.has(event.type) ? 'row row--failed' : 'row'}>
              <td data-label="When">
                <Timestamp value={event.occurredAt} now={now} />
              </td>
              <th scope="row" data-label="Event">
                {EVENT_LABELS[event.type] ?? event.type}
              </th>
              <td data-label="Token">
                {tokenName(event) ?? ''} <code className="muted">{event.tokenId}</code>
              </td>
              <td data-label="Owner">{event.userId ?? '—'}</td>
              <td data-label="Actor">{event.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
