import { useState, type ReactElement } from 'react';
import { changeSuspension, type SuspensionChange } from '../api/tokens-api';
import type { TokenItem } from '../api/types';
import { SuspensionDialog } from './suspension-dialog';

export interface SuspensionFlow<T> {
  ask: (token: T, change: SuspensionChange) => void;
  /** The open dialog, or null. */
  dialog: ReactElement | null;
}

/** The suspend and reactivate dialogs of a token list: the user's own tokens, or (`anyOwner`) anyone's. */
export function useSuspensionFlow<T extends TokenItem>(
  csrfToken: string,
  reload: () => void,
  anyOwner = false,
): SuspensionFlow<T> {
  const [asked, setAsked] = useState<{ token: T; change: SuspensionChange } | null>(null);
  const dialog =
    asked === null ? null : (
      <SuspensionDialog
        token={asked.token}
        change={asked.change}
        apply={(reason) => changeSuspension(asked.token.id, asked.change, reason, csrfToken, anyOwner)}
        onDone={() => {
          setAsked(null);
          reload();
        }}
        onCancel={() => setAsked(null)}
      />
    );
  return { ask: (token, change) => setAsked({ token, change }), dialog };
}
