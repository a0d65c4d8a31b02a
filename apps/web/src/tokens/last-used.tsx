import type { ReactElement } from 'react';
import type { TokenItem } from '../api/types';
import { Timestamp } from '../ui/timestamp';

const AGENT_SHOWN = 40;

/** When the token was last used and from where; every recent client in the hint's title. */
export function LastUsed({ token, now }: { token: TokenItem; now: Date }): ReactElement | string {
  if (!token.lastUsedAt) return 'Never used';
  const clients = token.recentClients ?? [];
  const [latest] = clients;
  const agent = latest?.userAgent ?? null;
  const shownAgent = agent !== null && agent.length > AGENT_SHOWN ? `${agent.slice(0, AGENT_SHOWN)}…` : agent;
  return (
    <>
      <Timestamp value={token.lastUsedAt} now={now} />
      {latest && (
        <span
          className="table__hint"
          title={clients.map((client) => `${client.address} ${client.userAgent ?? ''} ${client.lastUsedAt}`).join('\n')}
        >
          from {latest.address}
          {shownAgent && ` · ${shownAgent}`}
          {clients.length > 1 && ` and ${clients.length - 1} more`}
        </span>
      )}
    </>
  );
}
