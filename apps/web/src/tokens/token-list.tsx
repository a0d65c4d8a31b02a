import type { ReactElement, Ref } from 'react';
import type { TokenItem } from '../api/types';
import type { StatusFilterValue } from './status-filter';
import type { TokenRowActions } from './token-row-actions';
import { TokenTable } from './token-table';
import { displayStatus } from './token-status';
import type { TokenPages } from './use-token-pages';

interface TokenListProps<T extends TokenItem> {
  caption: string;
  pages: TokenPages<T>;
  filter: StatusFilterValue;
  now: Date;
  ownerOf?: (token: T) => string;
  actions: TokenRowActions<T>;
  listRef?: Ref<HTMLDivElement>;
}

/** The table of one filter's tokens, with its loading, empty and "Load more" states. */
export function TokenList<T extends TokenItem>({
  caption,
  pages,
  filter,
  now,
  ownerOf,
  actions,
  listRef,
}: TokenListProps<T>): ReactElement {
  const shown =
    filter === 'expiring' ? pages.items.filter((token) => displayStatus(token, now) === 'expiring') : pages.items;
  return (
    <>
      {shown.length > 0 && (
        <TokenTable caption={caption} tokens={shown} now={now} ownerOf={ownerOf} actions={actions} tableRef={listRef} />
      )}
      {!pages.loading && shown.length === 0 && <p className="muted">No tokens match this status.</p>}
      <div className="list-footer">
        {pages.loading && (
          <p role="status" className="muted">
            Loading tokens…
          </p>
        )}
        {!pages.loading && pages.hasMore && (
          <button type="button" className="button" onClick={pages.loadMore}>
            Load more
          </button>
        )}
      </div>
    </>
  );
}
