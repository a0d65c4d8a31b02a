import type { ReactElement } from 'react';
import { TextField } from '../ui/text-field';

/** Code points, as the API counts them. */
export const NAME_MAX_LENGTH = 100;

interface TokenNameFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint: string;
}

/** The **Token name** field, as generating and renaming ask for it. */
export function TokenNameField(props: TokenNameFieldProps): ReactElement {
  return <TextField label="Token name" required maxLength={NAME_MAX_LENGTH} autoComplete="off" {...props} />;
}
