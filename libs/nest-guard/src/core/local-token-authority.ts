import { TokenDigester, TokenFormat } from '../../../domain/src/token/token-secret';
import { CachingTokenLookup } from './caching-token-lookup';
import { MongoTokenLookup } from './mongo-token-lookup';
import { DEFAULT_CACHE_TTL_MS, principalOf, type TokenAuthority } from './token-authority';
import type { TokenPrincipal } from './token-principal';
import type { LifetimePolicy } from '../../../domain/src/token/token-lifetime-policy';
import type { TokenRefusalReason } from './token-refusals';
import { TokenVerifier } from './token-verifier';

export interface MongoAuthorityOptions {
  mongoUrl: string;
  /** The PAT service's TOKEN_PEPPER: a token's digest is keyed with it. */
  tokenPepper: string;
  /** The PAT service's TOKEN_PREFIX (default `pat`). */
  tokenPrefix?: string;
  collection?: string;
  cacheTtlMs?: number;
  /**
   * The PAT service's TOKEN_MAX_LIFETIME_DAYS and TOKEN_ALLOW_NO_EXPIRY: given, a token living
   * longer than they allow is refused (`token_expired`) at once, before the service records it.
   */
  lifetimePolicy?: LifetimePolicy;
}

/** Checks tokens against the PAT service's MongoDB read model, as the service itself does. */
export class MongoTokenAuthority implements TokenAuthority {
  private readonly store: MongoTokenLookup;
  private readonly verifier: TokenVerifier;

  constructor(options: MongoAuthorityOptions) {
    let cache: CachingTokenLookup | null = null;
    this.store = new MongoTokenLookup(options.mongoUrl, options.collection, () => cache?.clear());
    cache = new CachingTokenLookup(this.store, options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
    this.verifier = new TokenVerifier(
      new TokenFormat(options.tokenPrefix ?? 'pat'),
      new TokenDigester(options.tokenPepper),
      cache,
      options.lifetimePolicy ?? null,
    );
  }

  async authenticate(candidate: unknown): Promise<TokenPrincipal | TokenRefusalReason> {
    const verified = await this.verifier.verify(candidate, new Date());
    return typeof verified === 'string' ? verified : principalOf(verified);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
