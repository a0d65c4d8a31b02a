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
import { useSuspensionFlow } from '../tokens/use-suspension-flow';
import { useTokenPages } from '../tokens/use-token-pages';

const ownerOf = (token: AdminTokenItem): string => token.userId;

export function AllTokensView(): ReactElement {
  const { session } = useSignedIn();
  const [filter, setFilter] = useState<StatusFilterValue>('all');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(
    (cursor: string | undefined) => listAllTokens({ status: serverStatus(filter), cursor }),
    [filter],
  );
  const pages = useTokenPages(load);
  const now = useNow(60_000, pages.items);
  const revoke = useRevokeFlow<AdminTokenItem>(pages.reload, heading);
  const { revoking } = revoke;
  const suspension = useSuspensionFlow<AdminTokenItem>(session.csrfToken, pages.reload, true);

  return (
    <section aria-labelledby="all-tokens-title">
      <h2 id="all-tokens-title" ref={heading} tabIndex={-1}>
        All tokens
      </h2>
      <p className="muted">
        Every user&apos;s personal access tokens. Suspend one while you look into it; revoke one that is leaked or no
        longer needed.
      </p>
      <ErrorAlert message={pages.error} />
      <StatusFilter value={filter} onChange={setFilter} />
      <TokenList
        caption="All users' tokens, newest first"
        pages={pages}
        filter={filter}
        now={now}
        ownerOf={ownerOf}
        actions={{ revoke: revoke.ask, changeSuspension: suspension.ask }}
        listRef={revoke.listRef}
      />
      {suspension.dialog}
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
