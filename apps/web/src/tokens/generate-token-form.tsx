import { useState, type FormEvent, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import type { GenerateTokenRequest } from '../api/tokens-api';
import type { CreatedToken, TokenPolicy } from '../api/types';
import { ErrorAlert } from '../ui/error-alert';
import { TextField } from '../ui/text-field';
import { ExpiryField } from './expiry-field';
import { generateRequest, initialChoice, type ExpiryChoice } from './expiry-choice';

export const NAME_MAX_LENGTH = 100;

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
  const [failure, setFailure] = useState<unknown>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const serverError = failure instanceof ApiError ? failure : null;
  const nameError = nameMissing ? 'Give the token a name.' : serverError?.messageFor('name');
  const expiryError =
    serverError?.messageFor(choice === 'custom' ? 'expiresAt' : 'expiresInDays') ??
    serverError?.messageFor(choice === 'custom' ? 'expiresInDays' : 'expiresAt');
  const shownAtField = nameError !== undefined || expiryError !== undefined;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    setFailure(null);
    if (missing) return;
    setBusy(true);
    generate(generateRequest(name.trim(), choice, customDate))
      .then(onGenerated)
      .catch((error: unknown) => {
        setFailure(error);
        setBusy(false);
      });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert message={failure && !shownAtField ? errorMessage(failure) : null} />
      <TextField
        label="Token name"
        value={name}
        onChange={setName}
        error={nameError}
        hint="What is this token for? For example: CI deploy."
        required
        maxLength={NAME_MAX_LENGTH}
        autoComplete="off"
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
