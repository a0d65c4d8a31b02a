import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { onUnauthorized } from '../api/client';
import { fetchSession, fetchSessionOptions, signOut as endSession } from '../api/session-api';
import type { Session, SessionOptions } from '../api/types';

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; options: SessionOptions; session: Session | null };

export interface SessionControls {
  state: SessionState;
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
}

export function useSession(): SessionControls {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });

  useEffect(() => {
    let live = true;
    Promise.all([fetchSessionOptions(), fetchSession()])
      .then(([options, session]) => live && setState({ phase: 'ready', options, session }))
      .catch((error: unknown) => live && setState({ phase: 'failed', message: errorMessage(error) }));
    onUnauthorized(() => setState((current) => (current.phase === 'ready' ? { ...current, session: null } : current)));
    return () => {
      live = false;
    };
  }, []);

  const signedIn = useCallback((session: Session): void => {
    setState((current) => (current.phase === 'ready' ? { ...current, session } : current));
  }, []);

  const signOut = useCallback(async (): Promise<void> => {
    if (state.phase !== 'ready' || !state.session) return;
    try {
      await endSession(state.session.csrfToken);
    } finally {
      setState((current) => (current.phase === 'ready' ? { ...current, session: null } : current));
    }
  }, [state]);

  return { state, signedIn, signOut };
}
