import type { SuspensionChange } from '../api/tokens-api';

/** What a row of a token list offers; each is shown only where the token's status allows it. */
export interface TokenRowActions<T> {
  revoke: (token: T) => void;
  rename?: (token: T) => void;
  changeSuspension?: (token: T, change: SuspensionChange) => void;
  rotate?: (token: T) => void;
}
