import { useId, type ReactElement, type Ref } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'date';
  inputMode?: 'numeric';
  required?: boolean;
  maxLength?: number;
  min?: string;
  max?: string;
  autoComplete?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input whose error and hint are tied to it for screen readers. */
export function TextField({ label, value, onChange, error, hint, inputRef, ...input }: TextFieldProps): ReactElement {
  const id = useId();
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
