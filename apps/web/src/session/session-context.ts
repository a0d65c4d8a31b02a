import { createContext, useContext } from 'react';
import type { Session, SessionOptions } from '../api/types';

export interface SignedIn {
  session: Session;
  options: SessionOptions;
  signOut: () => Promise<void>;
}

export const SignedInContext = createContext<SignedIn | null>(null);

/** The session of the signed-in user; only views behind sign-in use it. */
export function useSignedIn(): SignedIn {
  const signedIn = useContext(SignedInContext);
  if (!signedIn) throw new Error('useSignedIn used outside a signed-in view');
  return signedIn;
}
