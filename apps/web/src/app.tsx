import { useEffect, useMemo, type ReactElement } from 'react';
import { NotFoundView } from './not-found-view';
import { ROUTES, isKnownRoute } from './routes';
import { navigate, usePath } from './router';
import { SignedInContext, type SignedIn } from './session/session-context';
import { SignInView } from './session/sign-in-view';
import { useSession } from './session/use-session';
import { SignedInRoutes } from './signed-in-routes';

/** Where a path leads given whether someone is signed in; null to stay. */
function redirectFor(path: string, signedIn: boolean): string | null {
  if (path === ROUTES.home || path === ROUTES.settings) return signedIn ? ROUTES.tokens : ROUTES.signIn;
  if (signedIn && path === ROUTES.signIn) return ROUTES.tokens;
  if (!signedIn && path !== ROUTES.signIn && isKnownRoute(path)) return ROUTES.signIn;
  return null;
}

export function App(): ReactElement {
  const path = usePath();
  const { state, signedIn, signOut } = useSession();
  const session = state.phase === 'ready' ? state.session : null;
  const target = state.phase === 'ready' ? redirectFor(path, session !== null) : null;

  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);

  const context = useMemo<SignedIn | null>(
    () =>
      state.phase === 'ready' && state.session ? { session: state.session, options: state.options, signOut } : null,
    [state, signOut],
  );

  if (state.phase === 'loading' || target) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (state.phase === 'failed') {
    return (
      <main id="main" className="sign-in">
        <h1>Personal Access Tokens</h1>
        <p role="alert">{state.message}</p>
      </main>
    );
  }
  if (!context && path !== ROUTES.signIn) {
    return (
      <main id="main" className="sign-in">
        <NotFoundView />
      </main>
    );
  }
  if (!context) return <SignInView options={state.options} onSignedIn={signedIn} />;
  return (
    <SignedInContext.Provider value={context}>
      <SignedInRoutes path={path} />
    </SignedInContext.Provider>
  );
}
