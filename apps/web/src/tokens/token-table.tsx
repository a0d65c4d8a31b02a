import type { ReactElement, Ref } from 'react';
import type { TokenItem } from '../api/types';
import { Timestamp } from '../ui/timestamp';
import { LastUsed } from './last-used';
import { StatusBadge } from './status-badge';
import { TokenScopes } from './token-scopes';
import type { TokenRowActions } from './token-row-actions';
import { displayStatus, isInGrace, isLive } from './token-status';

/** How the list names a revoke its owner did not ask for, by who made it. */
const REVOKED_FOR_OWNER: Record<string, string> = {
  'system:leak-report': 'Revoked as leaked',
  'system:idle-revocation': 'Revoked as unused',
};

interface TokenTableProps<T extends TokenItem> {
  caption: string;
  tokens: T[];
  now: Date;
  ownerOf?: (token: T) => string;
  actions: TokenRowActions<T>;
  tableRef?: Ref<HTMLDivElement>;
}

export function TokenTable<T extends TokenItem>({
  caption,
  tokens,
  now,
  ownerOf,
  actions,
  tableRef,
}: TokenTableProps<T>): ReactElement {
  return (
    <div className="table-scroll" ref={tableRef} tabIndex={-1}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {ownerOf && <th scope="col">Owner</th>}
            <th scope="col">Scopes</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const status = displayStatus(token, now);
            return (
              <tr key={token.id} className={`row row--${status}`}>
                <th scope="row" data-label="Name">
                  {token.name}
                  <code className="table__hint">{token.tokenHint}</code>
                </th>
                {ownerOf && <td data-label="Owner">{ownerOf(token)}</td>}
                <td data-label="Scopes">
                  <TokenScopes scopes={token.scopes} />
                  {token.maxRequestsPerSecond !== undefined && (
                    <span className="table__hint">Max {token.maxRequestsPerSecond}/s</span>
                  )}
                </td>
                <td data-label="Status">
                  <StatusBadge status={status} />
                </td>
                <td data-label="Created">
                  <Timestamp value={token.createdAt} now={now} />
                </td>
                <td data-label="Expires">
                  <Expiry token={token} now={now} />
                </td>
                <td data-label="Last used">
                  <LastUsed token={token} now={now} />
                </td>
                <td className="table__actions">
                  {(isLive(token) || isInGrace(token, now)) && <RowActions token={token} actions={actions} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RowActions<T extends TokenItem>({ token, actions }: { token: T; actions: TokenRowActions<T> }): ReactElement {
  const { rename, changeSuspension, rotate, revoke } = actions;
  const change = token.status === 'suspended' ? 'reactivate' : 'suspend';
  const live = isLive(token);
  return (
    <div className="row-actions">
      {live && rename && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={`Rename ${token.name}`}
          onClick={() => rename(token)}
        >
          Rename
        </button>
      )}
      {live && rotate && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={`Rotate ${token.name}`}
          onClick={() => rotate(token)}
        >
          Rotate
        </button>
      )}
      {live && changeSuspension && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={`${change === 'suspend' ? 'Suspend' : 'Reactivate'} ${token.name}`}
          onClick={() => changeSuspension(token, change)}
        >
          {change === 'suspend' ? 'Suspend' : 'Reactivate'}
        </button>
      )}
      <button
        type="button"
        className="button button--danger-quiet"
        aria-label={`Revoke ${token.name}`}
        onClick={() => revoke(token)}
      >
        Revoke
      </button>
    </div>
  );
}

function Expiry({ token, now }: { token: TokenItem; now: Date }): ReactElement | string {
  if (token.status === 'revoked' && token.revokedAt) {
    return (
      <>
        {REVOKED_FOR_OWNER[token.revokedBy ?? ''] ?? 'Revoked'} <Timestamp value={token.revokedAt} now={now} />
      </>
    );
  }
  if (token.status === 'rotated' && token.graceUntil) {
    const verb = new Date(token.graceUntil) > now ? 'Works until' : 'Replaced';
    return (
      <>
        {verb} <Timestamp value={token.graceUntil} now={now} />
      </>
    );
  }
  if (token.expiredByPolicy && token.expiredAt) {
    return (
      <>
        Expired by policy <Timestamp value={token.expiredAt} now={now} />
      </>
    );
  }
  const expiredAt = token.expiredAt ?? token.expiresAt;
  if (expiredAt === null) return 'No expiration';
  return <Timestamp value={expiredAt} now={now} />;
}
