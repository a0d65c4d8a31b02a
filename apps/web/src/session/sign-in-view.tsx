import type { ReactElement } from 'react';
import { OIDC_START_PATH } from '../api/session-api';
import type { Session, SessionOptions } from '../api/types';
import { LocalSignInForm } from './local-sign-in-form';

interface SignInViewProps {
  options: SessionOptions;
  onSignedIn: (session: Session) => void;
}

export function SignInView({ options, onSignedIn }: SignInViewProps): ReactElement {
  const { local, oidc } = options.signIn;
  return (
    <main id="main" className="sign-in">
      <h1>Sign in</h1>
      <p className="muted">Sign in to manage your personal access tokens.</p>
      {oidc && (
        <a className="button button--primary" href={OIDC_START_PATH}>
          {local ? 'Sign in with single sign-on' : 'Sign in'}
        </a>
      )}
      {local && <LocalSignInForm onSignedIn={onSignedIn} />}
      {!local && !oidc && <p role="alert">No sign-in method is enabled on this service.</p>}
    </main>
  );
}
