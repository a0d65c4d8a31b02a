import type { ReactElement } from 'react';
import { UNRESTRICTED_SCOPE } from '../api/types';

/** A token's scopes as short labels; a token from before scopes carries every one. */
export function TokenScopes({ scopes }: { scopes: string[] }): ReactElement {
  if (scopes.includes(UNRESTRICTED_SCOPE)) return <span title="Generated before scopes existed">All scopes</span>;
  return (
    <ul className="scope-list">
      {scopes.map((scope) => (
        <li key={scope}>
          <code>{scope}</code>
        </li>
      ))}
    </ul>
  );
}
