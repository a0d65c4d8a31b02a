import type { ReactElement } from 'react';
import { AllTokensView } from './admin/all-tokens-view';
import { AuditView } from './admin/audit-view';
import { NotFoundView } from './not-found-view';
import { ROUTES } from './routes';
import { useSignedIn } from './session/session-context';
import { AppShell } from './shell/app-shell';
import { TokensView } from './tokens/tokens-view';

function viewFor(path: string, isAdmin: boolean): ReactElement {
  if (path === ROUTES.tokens) return <TokensView />;
  if (isAdmin && path === ROUTES.audit) return <AuditView />;
  if (isAdmin && path === ROUTES.allTokens) return <AllTokensView />;
  return <NotFoundView />;
}

export function SignedInRoutes({ path }: { path: string }): ReactElement {
  const { session } = useSignedIn();
  return (
    <AppShell path={path}>
      <div key={path}>{viewFor(path, session.user.isAdmin)}</div>
    </AppShell>
  );
}
