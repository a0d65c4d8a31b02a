/** Who a request's X-API-Token belongs to, and what it may do. */
export interface TokenPrincipal {
  userId: string;
  tokenId: string;
  tokenName: string;
  expiresAt: Date | null;
  /** As granted, includes expanded; `['*']`: every scope (a token from before scopes). */
  scopes: readonly string[];
}
