import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { downloadTextFile } from '../ui/download';

interface GeneratedTokenProps {
  name: string;
  secret: string;
  onDone: () => void;
}

function fileNameFor(tokenName: string): string {
  const safe = tokenName.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'token'}.token.txt`;
}

export function GeneratedToken({ name, secret, onDone }: GeneratedTokenProps): ReactElement {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [announcement, setAnnouncement] = useState('');
  // Done stays out of reach until the token is copied, downloaded, or said to be stored.
  const [stored, setStored] = useState(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const copy = (): void => {
    input.current?.select();
    navigator.clipboard
      .writeText(secret)
      .then(() => {
        setAnnouncement('Copied');
        setStored(true);
      })
      .catch(() => setAnnouncement('Could not copy: select the token and copy it yourself'));
  };

  const download = (): void => {
    downloadTextFile(fileNameFor(name), `${secret}\n`);
    setStored(true);
  };

  const done = (): void => {
    if (input.current) input.current.value = '';
    onDone();
  };

  return (
    <div className="form">
      <p className="warning" role="note">
        <span aria-hidden="true">⚠ </span>
        Make sure to copy your personal access token now. You won&apos;t be able to see it again.
      </p>
      <div className="field">
        <label htmlFor={id}>Your new token</label>
        <input id={id} ref={input} className="secret" value={secret} readOnly spellCheck={false} autoComplete="off" />
      </div>
      <div className="dialog__actions dialog__actions--start">
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
        <button type="button" className="button" onClick={download}>
          Download
        </button>
        <span className="announcement" aria-live="polite">
          {announcement}
        </span>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={stored} onChange={(event) => setStored(event.target.checked)} />I have stored
        the token somewhere safe
      </label>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={done} disabled={!stored}>
          Done
        </button>
      </div>
    </div>
  );
}
