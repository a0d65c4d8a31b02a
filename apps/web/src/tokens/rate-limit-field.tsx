import type { ReactElement } from 'react';
import { TextField } from '../ui/text-field';

interface RateLimitFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** The optional **Max requests per second** field: empty means no limit of its own. */
export function RateLimitField(props: RateLimitFieldProps): ReactElement {
  return (
    <TextField
      label="Max requests per second"
      inputMode="numeric"
      autoComplete="off"
      hint="Optional. Requests beyond it are refused with 429 until the next second."
      {...props}
    />
  );
}

/** What the field asks the API for: nothing when empty, a number when it is one, else the text, for the API to refuse. */
export function rateLimitRequest(value: string): { maxRequestsPerSecond?: number | string } {
  const typed = value.trim();
  if (typed === '') return {};
  return { maxRequestsPerSecond: /^\d+$/.test(typed) ? Number(typed) : typed };
}
