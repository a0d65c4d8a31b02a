import { useState, type ReactElement } from 'react';
import { errorMessage } from '../api/api-error';
import { ErrorAlert } from '../ui/error-alert';
import { ModalDialog } from '../ui/modal-dialog';

interface RevokeDialogProps {
  tokenName: string;
  revoke: () => Promise<void>;
  onRevoked: () => void;
  onCancel: () => void;
  afterClose?: () => void;
}

export function RevokeDialog({ tokenName, revoke, onRevoked, onCancel, afterClose }: RevokeDialogProps): ReactElement {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = (): void => {
    setBusy(true);
    setFailure(null);
    revoke()
      .then(onRevoked)
      .catch((error: unknown) => {
        setFailure(errorMessage(error));
        setBusy(false);
      });
  };

  return (
    <ModalDialog
      title={`Revoke the token '${tokenName}'?`}
      onDismiss={onCancel}
      dismissible={!busy}
      afterClose={afterClose}
    >
      <p>
        Every script or application using this token will stop working as soon as it is revoked. This can&apos;t be
        undone.
      </p>
      <ErrorAlert message={failure} />
      <div className="dialog__actions">
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
          Revoke
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-autofocus>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
