import { useCallback, useRef, useState, type ReactElement } from 'react';
import { listAllTokens, revokeAnyToken } from '../api/tokens-api';
import type { AdminTokenItem } from '../api/types';
import { useSignedIn } from '../session/session-context';
import { ErrorAlert } from '../ui/error-alert';
import { useNow } from '../ui/use-now';
import { RevokeDialog } from '../tokens/revoke-dialog';
import { StatusFilter, serverStatus, type StatusFilterValue } from '../tokens/status-filter';
import { TokenList } from '../tokens/token-list';
import { useRevokeFlow } from '../tokens/use-revoke-flow';
import { useTokenPages } from '../tokens/use-token-pages';

const ownerOf = (token: AdminTokenItem): string => token.userId;

export function AllTokensView(): ReactElement {
  const { session } = useSignedIn();
  const now = useNow();
  const [filter, setFilter] = useState<StatusFilterValue>('all');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(
    (cursor: string | undefined) => listAllTokens({ status: serverStatus(filter), cursor }),
    [filter],
  );
  const pages = useTokenPages(load);
  const revoke = useRevokeFlow<AdminTokenItem>(pages.reload, heading);
  const { revoking } = revoke;

  return (
    <section aria-labelledby="all-tokens-title">
      <h2 id="all-tokens-title" ref={heading} tabIndex={-1}>
        All tokens
      </h2>
      <p className="muted">Every user&apos;s personal access tokens. Revoke one that is leaked or no longer needed.</p>
      <ErrorAlert message={pages.error} />
      <StatusFilter value={filter} onChange={setFilter} />
      <TokenList
        caption="All users' tokens, newest first"
        pages={pages}
        filter={filter}
        now={now}
        ownerOf={ownerOf}
        onRevoke={revoke.ask}
        listRef={revoke.listRef}
      />
      {revoking && (
        <RevokeDialog
          tokenName={revoking.name}
          revoke={() => revokeAnyToken(revoking.id, session.csrfToken)}
          onRevoked={revoke.revoked}
          onCancel={revoke.cancel}
          afterClose={revoke.afterClose}
        />
      )}
    </section>
  );
}
