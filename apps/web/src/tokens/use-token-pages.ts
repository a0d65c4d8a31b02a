import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { Page, TokenItem } from '../api/types';

export type PageLoader<T> = (cursor: string | undefined) => Promise<Page<T>>;

export interface TokenPages<T> {
  items: T[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** Pages of tokens from `load`, started over whenever `load` changes or on reload. */
export function useTokenPages<T extends TokenItem>(load: PageLoader<T>): TokenPages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (from: string | undefined): void => {
      const current = ++generation.current;
      setLoading(true);
      setError(null);
      load(from)
        .then((page) => {
          if (current !== generation.current) return;
          setItems((previous) => (from === undefined ? page.items : [...previous, ...page.items]));
          setCursor(page.nextCursor ?? null);
        })
        .catch((failure: unknown) => current === generation.current && setError(errorMessage(failure)))
        .finally(() => current === generation.current && setLoading(false));
    },
    [load],
  );

  useEffect(() => fetchPage(undefined), [fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => cursor !== null && fetchPage(cursor),
    reload: () => fetchPage(undefined),
  };
}
