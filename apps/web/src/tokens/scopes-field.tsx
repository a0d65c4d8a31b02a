import { useId, type ReactElement } from 'react';
import type { ScopeDefinition } from '../api/types';

interface ScopesFieldProps {
  scopes: ScopeDefinition[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
  error?: string;
}

/** One checkbox per declared scope, with its description and what it includes. */
export function ScopesField({ scopes, chosen, onChange, error }: ScopesFieldProps): ReactElement {
  const id = useId();
  const toggle = (name: string, checked: boolean): void => {
    const next = new Set(chosen);
    if (checked) next.add(name);
    else next.delete(name);
    onChange(next);
  };

  return (
    <fieldset
      className="field scopes"
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      aria-invalid={error ? true : undefined}
    >
      <legend>Scopes</legend>
      <p id={`${id}-hint`} className="field__hint">
        What the token may do. Choose only what it needs.
      </p>
      {scopes.map((scope) => (
        <label key={scope.name} className="checkbox scopes__option">
          <input
            type="checkbox"
            checked={chosen.has(scope.name)}
            onChange={(event) => toggle(scope.name, event.target.checked)}
          />
          <span>
            <code>{scope.name}</code>
            {scope.description && <span className="scopes__description"> {scope.description}</span>}
            {scope.includes.length > 0 && (
              <span className="scopes__description"> (includes {scope.includes.join(', ')})</span>
            )}
          </span>
        </label>
      ))}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
