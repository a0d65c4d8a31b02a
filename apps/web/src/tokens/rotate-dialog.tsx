import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import type { RotatedToken, TokenItem } from '../api/types';
import { ErrorAlert } from '../ui/error-alert';
import { ModalDialog } from '../ui/modal-dialog';
import { Timestamp } from '../ui/timestamp';
import { GeneratedToken } from './generated-token';
import { overlapChoices } from './overlap-choice';

interface RotateDialogProps {
  token: TokenItem;
  maxOverlapSeconds: number;
  rotate: (overlapSeconds: number) => Promise<RotatedToken>;
  onDone: () => void;
  onCancel: () => void;
}

/** Asks how long the old secret may overlap, then shows the successor's secret this once. */
export function RotateDialog({ token, maxOverlapSeconds, rotate, onDone, onCancel }: RotateDialogProps): ReactElement {
  const [rotated, setRotated] = useState<RotatedToken | null>(null);
  return (
    <ModalDialog
      title={rotated ? 'Your new personal access token' : `Rotate the token '${token.name}'?`}
      dismissible={rotated === null}
      onDismiss={onCancel}
      className="dialog--wide"
    >
      {rotated ? (
        <>
          <GraceNote rotated={rotated} />
          <GeneratedToken name={rotated.name} secret={rotated.token} onDone={onDone} />
        </>
      ) : (
        <RotateForm maxOverlapSeconds={maxOverlapSeconds} rotate={rotate} onRotated={setRotated} onCancel={onCancel} />
      )}
    </ModalDialog>
  );
}

function GraceNote({ rotated }: { rotated: RotatedToken }): ReactElement {
  const now = new Date();
  if (new Date(rotated.predecessorGraceUntil) <= now) {
    return <p>The old token no longer works. Put this one wherever the old one was used.</p>;
  }
  return (
    <p>
      The old token keeps working until <Timestamp value={rotated.predecessorGraceUntil} now={now} />. Put this one
      wherever the old one was used before then.
    </p>
  );
}

interface RotateFormProps {
  maxOverlapSeconds: number;
  rotate: (overlapSeconds: number) => Promise<RotatedToken>;
  onRotated: (rotated: RotatedToken) => void;
  onCancel: () => void;
}

function RotateForm({ maxOverlapSeconds, rotate, onRotated, onCancel }: RotateFormProps): ReactElement {
  const name = useId();
  const [overlapSeconds, setOverlapSeconds] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const choices = overlapChoices(maxOverlapSeconds);
  const overlapError = failure instanceof ApiError ? failure.messageFor('overlapSeconds') : undefined;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    rotate(overlapSeconds)
      .then(onRotated)
      .catch((error: unknown) => {
        setFailure(error);
        setBusy(false);
      });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>
        A new token with the same name, scopes and lifetime length replaces this one. Its secret is shown once, on the
        next step.
      </p>
      <ErrorAlert message={failure ? (overlapError ?? errorMessage(failure)) : null} />
      {choices.length > 1 && (
        <fieldset className="field choice-group">
          <legend>The old token</legend>
          {choices.map((choice) => (
            <label key={choice.seconds} className="checkbox">
              <input
                type="radio"
                name={name}
                value={choice.seconds}
                checked={overlapSeconds === choice.seconds}
                onChange={() => setOverlapSeconds(choice.seconds)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
      )}
      <div className="dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Rotate
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-autofocus>
          Cancel
        </button>
      </div>
    </form>
  );
}
