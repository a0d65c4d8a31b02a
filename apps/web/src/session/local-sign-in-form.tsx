import { useState, type FormEvent, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { signInLocally } from '../api/session-api';
import type { Session } from '../api/types';
import { ErrorAlert } from '../ui/error-alert';
import { TextField } from '../ui/text-field';

export function LocalSignInForm({ onSignedIn }: { onSignedIn: (session: Session) => void }): ReactElement {
  const [userId, setUserId] = useState('');
  const [email, setEmail] = useState('');
  const [admin, setAdmin] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string): string | undefined =>
    failure instanceof ApiError ? failure.messageFor(field) : undefined;
  const hasFieldErrors = failure instanceof ApiError && failure.fieldErrors.length > 0;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onSignedIn(await signInLocally({ userId: userId.trim(), email: email.trim() || undefined, admin }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
      <p className="note">This local sign-in is for the embedded default only: use single sign-on in production.</p>
      <ErrorAlert message={failure && !hasFieldErrors ? errorMessage(failure) : null} />
      <TextField
        label="User ID"
        value={userId}
        onChange={setUserId}
        error={fieldError('userId')}
        required
        autoComplete="username"
      />
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={setEmail}
        error={fieldError('email')}
        autoComplete="email"
      />
      <label className="checkbox">
        <input type="checkbox" checked={admin} onChange={(event) => setAdmin(event.target.checked)} />
        Sign in as an administrator (the audit trail and every user&apos;s tokens)
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
