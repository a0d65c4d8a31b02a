import type { ReactElement } from 'react';
import { Link } from '../link';
import { ROUTES } from '../routes';

interface Tab {
  href: string;
  label: string;
  adminOnly: boolean;
}

const TABS: Tab[] = [
  { href: ROUTES.tokens, label: 'Personal Access Token (PAT)', adminOnly: false },
  { href: ROUTES.audit, label: 'Audit', adminOnly: true },
  { href: ROUTES.allTokens, label: 'All tokens', adminOnly: true },
];

export function SettingsNav({ path, isAdmin }: { path: string; isAdmin: boolean }): ReactElement {
  return (
    <nav aria-label="Settings" className="settings-nav">
      <ul>
        {TABS.filter((tab) => isAdmin || !tab.adminOnly).map((tab) => (
          <li key={tab.href}>
            <Link href={tab.href} className="settings-nav__link" aria-current={path === tab.href ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
