import { useId, type ReactElement } from 'react';
import type { TokenPolicy } from '../api/types';
import { TextField } from '../ui/text-field';
import { useNow } from '../ui/use-now';
import { customDateBounds, expiryHint, expiryOptions, type ExpiryChoice } from './expiry-choice';

interface ExpiryFieldProps {
  policy: TokenPolicy;
  choice: ExpiryChoice;
  onChoice: (choice: ExpiryChoice) => void;
  customDate: string;
  onCustomDate: (date: string) => void;
  error?: string;
}

export function ExpiryField({
  policy,
  choice,
  onChoice,
  customDate,
  onCustomDate,
  error,
}: ExpiryFieldProps): ReactElement {
  const id = useId();
  const now = useNow();
  const bounds = customDateBounds(policy, now);
  const hint = expiryHint(choice, customDate, now);
  const selectError = choice === 'custom' ? undefined : error;

  return (
    <>
      <div className="field">
        <label htmlFor={id}>Expiration</label>
        <select
          id={id}
          value={choice}
          onChange={(event) => onChoice(event.target.value as ExpiryChoice)}
          aria-describedby={`${id}-hint${selectError ? ` ${id}-error` : ''}`}
          aria-invalid={selectError ? true : undefined}
        >
          {expiryOptions(policy).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="field__hint" aria-live="polite">
          {hint}
        </p>
        {selectError && (
          <p id={`${id}-error`} className="field__error">
            {selectError}
          </p>
        )}
      </div>
      {choice === 'custom' && (
        <TextField
          label="Expiration date"
          type="date"
          value={customDate}
          onChange={onCustomDate}
          min={bounds.min}
          max={bounds.max}
          required
          error={error}
          hint={`Between ${bounds.min} and ${bounds.max}; the token expires at midnight UTC on that day.`}
        />
      )}
      {choice === 'none' && (
        <p className="warning" role="note">
          <span aria-hidden="true">⚠ </span>A token that never expires stays valid until someone revokes it. We
          recommend setting an expiration date.
        </p>
      )}
    </>
  );
}
