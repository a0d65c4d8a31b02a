import { useRef, useState, type RefObject } from 'react';

export interface RevokeFlow<T> {
  /** The token whose revoke dialog is open. */
  revoking: T | null;
  ask: (token: T) => void;
  cancel: () => void;
  revoked: () => void;
  /** Where focus goes after a revoke: the revoked row loses its button, so the list instead of the opener. */
  afterClose: () => void;
  listRef: RefObject<HTMLDivElement | null>;
}

/** The revoke dialog's state for a list of tokens: which token is asked about, and where focus goes after. */
export function useRevokeFlow<T>(reload: () => void, fallbackFocus: RefObject<HTMLElement | null>): RevokeFlow<T> {
  const [revoking, setRevoking] = useState<T | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const focusListOnClose = useRef(false);
  return {
    revoking,
    ask: setRevoking,
    cancel: () => setRevoking(null),
    revoked: () => {
      focusListOnClose.current = true;
      setRevoking(null);
      reload();
    },
    afterClose: () => {
      if (!focusListOnClose.current) return;
      focusListOnClose.current = false;
      (listRef.current ?? fallbackFocus.current)?.focus();
    },
    listRef,
  };
}
