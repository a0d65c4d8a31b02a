import { useCallback, useRef, useState, type ReactElement } from 'react';
import {
  generateToken,
  listTokens,
  renameToken,
  revokeToken,
  rotateToken,
  type GenerateTokenRequest,
} from '../api/tokens-api';
import type { TokenItem } from '../api/types';
import { useSignedIn } from '../session/session-context';
import { ErrorAlert } from '../ui/error-alert';
import { useNow } from '../ui/use-now';
import { GenerateTokenDialog } from './generate-token-dialog';
import { RenameDialog } from './rename-dialog';
import { RevokeDialog } from './revoke-dialog';
import { RotateDialog } from './rotate-dialog';
import { StatusFilter, serverStatus, type StatusFilterValue } from './status-filter';
import { TokenList } from './token-list';
import { UsageExamples } from './usage-examples';
import { useRevokeFlow } from './use-revoke-flow';
import { useRotateLink } from './use-rotate-link';
import { useSuspensionFlow } from './use-suspension-flow';
import { useTokenPages } from './use-token-pages';

export function TokensView(): ReactElement {
  const { session, options } = useSignedIn();
  const { csrfToken } = session;
  const [filter, setFilter] = useState<StatusFilterValue>('all');
  const [generating, setGenerating] = useState(false);
  const [renaming, setRenaming] = useState<TokenItem | null>(null);
  const [rotating, setRotating] = useState<TokenItem | null>(null);
  const generateButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(
    (cursor: string | undefined) => listTokens({ status: serverStatus(filter), cursor }),
    [filter],
  );
  const pages = useTokenPages(load);
  const now = useNow(60_000, pages.items);
  useRotateLink(pages.items, setRotating);

  const generate = (request: GenerateTokenRequest): ReturnType<typeof generateToken> =>
    generateToken(request, csrfToken);

  const generated = (): void => {
    setGenerating(false);
    pages.reload();
  };

  const revoke = useRevokeFlow<TokenItem>(pages.reload, generateButton);
  const { revoking } = revoke;
  const suspension = useSuspensionFlow<TokenItem>(csrfToken, pages.reload);

  const isEmpty = !pages.loading && !pages.error && pages.items.length === 0 && filter === 'all';

  return (
    <section aria-labelledby="tokens-title">
      <div className="view-header">
        <h2 id="tokens-title">Personal access tokens</h2>
        <button
          type="button"
          ref={generateButton}
          className="button button--primary"
          onClick={() => setGenerating(true)}
        >
          Generate new token
        </button>
      </div>
      <p className="muted">
        Tokens let scripts and tools call the API as you. Send one in the <code>X-API-Token</code> header.
      </p>
      <ErrorAlert message={pages.error} />
      {isEmpty ? (
        <div className="card empty">
          <h3>You have no personal access tokens yet</h3>
          <p>Generate a token to call the API from your scripts, CI jobs and tools.</p>
          <button type="button" className="button button--primary" onClick={() => setGenerating(true)}>
            Generate your first token
          </button>
        </div>
      ) : (
        <>
          <StatusFilter value={filter} onChange={setFilter} />
          <TokenList
            caption="Your personal access tokens, newest first"
            pages={pages}
            filter={filter}
            now={now}
            actions={{ revoke: revoke.ask, rename: setRenaming, changeSuspension: suspension.ask, rotate: setRotating }}
            listRef={revoke.listRef}
          />
        </>
      )}
      <UsageExamples apiUrl={options.apiUrl} />
      {generating && (
        <GenerateTokenDialog
          policy={options.tokenPolicy}
          generate={generate}
          onCancel={() => setGenerating(false)}
          onDone={generated}
          afterClose={() => generateButton.current?.focus()}
        />
      )}
      {renaming && (
        <RenameDialog
          tokenName={renaming.name}
          rename={(name) => renameToken(renaming.id, name, csrfToken)}
          onRenamed={() => {
            setRenaming(null);
            pages.reload();
          }}
          onCancel={() => setRenaming(null)}
        />
      )}
      {rotating && (
        <RotateDialog
          token={rotating}
          maxOverlapSeconds={options.tokenPolicy.maxRotationOverlapSeconds}
          rotate={(overlapSeconds) => rotateToken(rotating.id, overlapSeconds, csrfToken)}
          onDone={() => {
            setRotating(null);
            pages.reload();
          }}
          onCancel={() => setRotating(null)}
        />
      )}
      {suspension.dialog}
      {revoking && (
        <RevokeDialog
          tokenName={revoking.name}
          revoke={() => revokeToken(revoking.id, csrfToken)}
          onRevoked={revoke.revoked}
          onCancel={revoke.cancel}
          afterClose={revoke.afterClose}
        />
      )}
    </section>
  );
}
