import { useState, type ReactElement } from 'react';
import type { GenerateTokenRequest } from '../api/tokens-api';
import type { CreatedToken, TokenItem, TokenPolicy } from '../api/types';
import { ModalDialog } from '../ui/modal-dialog';
import { GenerateTokenForm } from './generate-token-form';
import { GeneratedToken } from './generated-token';

interface GenerateTokenDialogProps {
  policy: TokenPolicy;
  generate: (request: GenerateTokenRequest) => Promise<CreatedToken>;
  onCancel: () => void;
  onDone: (token: TokenItem) => void;
  afterClose?: () => void;
}

/** The form, then — once generated — the token itself, shown this once. */
export function GenerateTokenDialog({
  policy,
  generate,
  onCancel,
  onDone,
  afterClose,
}: GenerateTokenDialogProps): ReactElement {
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const done = (): void => {
    if (!created) return;
    const { token: _secret, ...item } = created;
    setCreated(null);
    onDone(item);
  };

  return (
    <ModalDialog
      title={created ? 'Your new personal access token' : 'Generate new token'}
      dismissible={created === null}
      onDismiss={onCancel}
      afterClose={afterClose}
      className="dialog--wide"
    >
      {created ? (
        <GeneratedToken name={created.name} secret={created.token} onDone={done} />
      ) : (
        <GenerateTokenForm policy={policy} generate={generate} onGenerated={setCreated} onCancel={onCancel} />
      )}
    </ModalDialog>
  );
}
