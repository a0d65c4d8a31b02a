import { useState, type FormEvent, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import type { GenerateTokenRequest } from '../api/tokens-api';
import type { CreatedToken, TokenPolicy } from '../api/types';
import { ErrorAlert } from '../ui/error-alert';
import { ExpiryField } from './expiry-field';
import { expiryRequest, initialChoice, type ExpiryChoice } from './expiry-choice';
import { RateLimitField, rateLimitRequest } from './rate-limit-field';
import { ScopesField } from './scopes-field';
import { TokenNameField } from './token-name-field';

interface GenerateTokenFormProps {
  policy: TokenPolicy;
  generate: (request: GenerateTokenRequest) => Promise<CreatedToken>;
  onGenerated: (token: CreatedToken) => void;
  onCancel: () => void;
}

export function GenerateTokenForm({ policy, generate, onGenerated, onCancel }: GenerateTokenFormProps): ReactElement {
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<ExpiryChoice>(() => initialChoice(policy));
  const [customDate, setCustomDate] = useState('');
  const [scopes, setScopes] = useState<Set<string>>(() => new Set(policy.scopes.map((scope) => scope.name)));
  const [scopesMissing, setScopesMissing] = useState(false);
  const [rateLimit, setRateLimit] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const serverError = failure instanceof ApiError ? failure : null;
  const nameError = nameMissing ? 'Give the token a name.' : serverError?.messageFor('name');
  const expiryError =
    serverError?.messageFor(choice === 'custom' ? 'expiresAt' : 'expiresInDays') ??
    serverError?.messageFor(choice === 'custom' ? 'expiresInDays' : 'expiresAt');
  const scopesError = scopesMissing ? 'Choose at least one scope.' : serverError?.messageFor('scopes');
  const rateLimitError = serverError?.messageFor('maxRequestsPerSecond');
  const shownAtField = [nameError, expiryError, scopesError, rateLimitError].some((error) => error !== undefined);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    setScopesMissing(scopes.size === 0);
    setFailure(null);
    if (missing || scopes.size === 0) return;
    setBusy(true);
    const chosen = policy.scopes.map((scope) => scope.name).filter((scope) => scopes.has(scope));
    generate({
      name: name.trim(),
      ...expiryRequest(choice, customDate),
      scopes: chosen,
      ...rateLimitRequest(rateLimit),
    })
      .then(onGenerated)
      .catch((error: unknown) => {
        setFailure(error);
        setBusy(false);
      });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert message={failure && !shownAtField ? errorMessage(failure) : null} />
      <TokenNameField
        value={name}
        onChange={setName}
        error={nameError}
        hint="What is this token for? For example: CI deploy."
      />
      <ExpiryField
        policy={policy}
        choice={choice}
        onChoice={setChoice}
        customDate={customDate}
        onCustomDate={setCustomDate}
        error={expiryError}
      />
      <p className="note">You&apos;ll get a notice 7 days and 1 day before the token expires.</p>
      <ScopesField
        scopes={policy.scopes}
        chosen={scopes}
        onChange={(chosen) => {
          setScopes(chosen);
          if (chosen.size > 0) setScopesMissing(false);
        }}
        error={scopesError}
      />
      <RateLimitField value={rateLimit} onChange={setRateLimit} error={rateLimitError} />
      <div className="dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Generate
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
