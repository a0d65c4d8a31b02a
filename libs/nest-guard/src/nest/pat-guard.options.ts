import type { MongoAuthorityOptions } from '../core/local-token-authority';
import { MongoTokenAuthority } from '../core/local-token-authority';
import { RemoteTokenAuthority, type RemoteAuthorityOptions } from '../core/remote-token-authority';
import type { TokenAuthority } from '../core/token-authority';

/** Read the PAT service's MongoDB read model (`mongoUrl`), or ask its `/auth/verify` (`verifyUrl`). */
export type PatGuardOptions = MongoAuthorityOptions | RemoteAuthorityOptions;

export const PAT_TOKEN_AUTHORITY = Symbol('PAT_TOKEN_AUTHORITY');

export function createTokenAuthority(options: PatGuardOptions): TokenAuthority {
  if ('verifyUrl' in options) return new RemoteTokenAuthority(options);
  return new MongoTokenAuthority(options);
}
