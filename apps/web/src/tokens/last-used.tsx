import type { ReactElement } from 'react';
import type { TokenItem } from '../api/types';
import { Timestamp } from '../ui/timestamp';

/** When the token was last used and from which address; every recent client, with its User-Agent, in the title. */
export function LastUsed({ token, now }: { token: TokenItem; now: Date }): ReactElement | string {
  if (!token.lastUsedAt) return 'Never used';
  const clients = token.recentClients ?? [];
  const [latest] = clients;
  return (
    <>
      <Timestamp value={token.lastUsedAt} now={now} />
      {latest && (
        <span
          className="table__hint"
          title={clients
            .map((client) => `${client.address} · ${client.userAgent ?? 'no User-Agent'} · ${client.lastUsedAt}`)
            .join('\n')}
        >
          from {latest.address}
          {clients.length > 1 && ` and ${clients.length - 1} more`}
        </span>
      )}
    </>
  );
}
