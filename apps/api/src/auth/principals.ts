/** A person calling the management API with a JWT. */
export interface UserPrincipal {
  userId: string;
  email: string | null;
  isAdmin: boolean;
  /** When the credential this request came with (the JWT's `exp`) stops being valid. */
  credentialExpiresAt: Date;
}

/** A token holder calling an API with X-API-Token: the guard package's principal. */
export type { TokenPrincipal } from '@pat/nest-guard/core';
