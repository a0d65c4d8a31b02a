import type { ReactElement } from 'react';
import { OIDC_START_PATH } from '../api/session-api';
import type { Session, SessionOptions } from '../api/types';
import { ErrorAlert } from '../ui/error-alert';
import { LocalSignInForm } from './local-sign-in-form';

/** What the service's sign-in redirect names in `?error=`, in words. */
const SIGN_IN_FAILURES: Readonly<Record<string, string>> = {
  provider_unavailable: 'The identity provider could not be reached. Try again in a moment.',
  sign_in_expired: 'That sign-in took too long, or began in another browser. Please sign in again.',
  sign_in_failed: 'The identity provider did not confirm who you are. Please sign in again.',
};

function signInFailure(): string | null {
  const code = new URLSearchParams(window.location.search).get('error');
  return code === null ? null : (SIGN_IN_FAILURES[code] ?? SIGN_IN_FAILURES.sign_in_failed);
}

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
      <ErrorAlert message={signInFailure()} />
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
