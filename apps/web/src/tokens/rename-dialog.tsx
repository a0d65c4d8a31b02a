import { useState, type FormEvent, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { ErrorAlert } from '../ui/error-alert';
import { ModalDialog } from '../ui/modal-dialog';
import { TokenNameField } from './token-name-field';

interface RenameDialogProps {
  tokenName: string;
  rename: (name: string) => Promise<unknown>;
  onRenamed: () => void;
  onCancel: () => void;
}

/** A new name for an active token; the token itself, its scopes and its expiry stay as they are. */
export function RenameDialog({ tokenName, rename, onRenamed, onCancel }: RenameDialogProps): ReactElement {
  const [name, setName] = useState(tokenName);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const nameError = nameMissing
    ? 'Give the token a name.'
    : failure instanceof ApiError
      ? failure.messageFor('name')
      : undefined;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    setFailure(null);
    if (missing) return;
    setBusy(true);
    rename(name.trim())
      .then(onRenamed)
      .catch((error: unknown) => {
        setFailure(error);
        setBusy(false);
      });
  };

  return (
    <ModalDialog title={`Rename the token '${tokenName}'`} onDismiss={onCancel} dismissible={!busy}>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorAlert message={failure && nameError === undefined ? errorMessage(failure) : null} />
        <TokenNameField
          value={name}
          onChange={setName}
          error={nameError}
          hint="The token keeps working as it is: only its name changes."
        />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
