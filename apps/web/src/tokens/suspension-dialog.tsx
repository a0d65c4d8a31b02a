import { useState, type FormEvent, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import type { SuspensionChange } from '../api/tokens-api';
import type { TokenItem } from '../api/types';
import { ErrorAlert } from '../ui/error-alert';
import { ModalDialog } from '../ui/modal-dialog';
import { TextField } from '../ui/text-field';

/** As the API bounds it. */
const REASON_MAX_LENGTH = 200;

const WORDING: Record<SuspensionChange, { title: string; consequence: string; confirm: string }> = {
  suspend: {
    title: 'Suspend',
    consequence:
      'Every call made with this token is refused until you reactivate it. Its expiry date stays the same, and ' +
      'its expiry reminders wait while it is suspended.',
    confirm: 'Suspend',
  },
  reactivate: {
    title: 'Reactivate',
    consequence: 'Calls made with this token are accepted again, until it expires.',
    confirm: 'Reactivate',
  },
};

interface SuspensionDialogProps {
  token: TokenItem;
  change: SuspensionChange;
  apply: (reason: string | null) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/** Asks before suspending or reactivating a token, with an optional reason for the audit trail. */
export function SuspensionDialog({ token, change, apply, onDone, onCancel }: SuspensionDialogProps): ReactElement {
  const wording = WORDING[change];
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const reasonError = failure instanceof ApiError ? failure.messageFor('reason') : undefined;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    apply(reason.trim() === '' ? null : reason.trim())
      .then(onDone)
      .catch((error: unknown) => {
        setFailure(error);
        setBusy(false);
      });
  };

  return (
    <ModalDialog title={`${wording.title} the token '${token.name}'?`} onDismiss={onCancel} dismissible={!busy}>
      <form className="form" onSubmit={submit} noValidate>
        <p>{wording.consequence}</p>
        <ErrorAlert message={failure && reasonError === undefined ? errorMessage(failure) : null} />
        <TextField
          label="Reason (optional)"
          value={reason}
          onChange={setReason}
          error={reasonError}
          hint="Kept in the audit trail."
          maxLength={REASON_MAX_LENGTH}
          autoComplete="off"
        />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {wording.confirm}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={busy} data-autofocus>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
