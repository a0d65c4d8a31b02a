import { useState, type ReactElement, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error';
import { useSignedIn } from '../session/session-context';
import { ErrorAlert } from '../ui/error-alert';
import { SettingsNav } from './settings-nav';

export const PRODUCT_NAME = 'Personal Access Tokens';

export function AppShell({ path, children }: { path: string; children: ReactNode }): ReactElement {
  const { session, signOut } = useSignedIn();
  const [failure, setFailure] = useState<string | null>(null);
  const { user } = session;

  const leave = (): void => {
    setFailure(null);
    signOut().catch((error: unknown) => setFailure(errorMessage(error)));
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <span className="header__product">{PRODUCT_NAME}</span>
        <span className="header__user">
          <span className="visually-hidden">Signed in as </span>
          {user.email ?? user.userId}
          {user.isAdmin && <span className="tag">Admin</span>}
        </span>
        <button type="button" className="button button--quiet" onClick={leave}>
          Sign out
        </button>
      </header>
      <div className="layout">
        <aside className="layout__aside">
          <h1 className="layout__title">Settings</h1>
          <SettingsNav path={path} isAdmin={user.isAdmin} />
        </aside>
        <main id="main" className="layout__main" tabIndex={-1}>
          <ErrorAlert message={failure} />
          {children}
        </main>
      </div>
    </>
  );
}
