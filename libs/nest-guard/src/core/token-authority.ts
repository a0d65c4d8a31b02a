import type { TokenPrincipal } from './token-principal';
import type { TokenRecord } from './token-verifier';
import type { TokenRefusalReason } from './token-refusals';

/** Decides about a request's X-API-Token: its principal, or why it is refused. */
export interface TokenAuthority {
  /** Rejects with TokenStoreUnavailableError when the answer cannot be known. */
  authenticate(candidate: unknown, clientAddress?: string): Promise<TokenPrincipal | TokenRefusalReason>;
  close(): Promise<void>;
}

/** The store (or the PAT service) behind a token check cannot answer: refuse with 503, never accept. */
export class TokenStoreUnavailableError extends Error {
  constructor(reason: string) {
    super(`The token store cannot be reached: ${reason}`);
    this.name = 'TokenStoreUnavailableError';
  }
}

/** Default bound on how long an accepted token stays accepted after its revocation. */
export const DEFAULT_CACHE_TTL_MS = 1000;

export function principalOf(record: TokenRecord): TokenPrincipal {
  return {
    userId: record.userId,
    tokenId: record.id,
    tokenName: record.name,
    expiresAt: record.expiresAt,
    scopes: record.scopes,
  };
}
