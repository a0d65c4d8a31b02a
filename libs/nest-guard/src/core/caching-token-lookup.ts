import { TtlCache } from './ttl-cache';
import type { TokenLookup, TokenRecord } from './token-verifier';

/**
 * Remembers active tokens for at most `ttlMs`; revoked, expired and unknown ones are asked
 * for every time. A failed lookup forgets everything: while the store is down nothing is
 * accepted from memory.
 */
export class CachingTokenLookup implements TokenLookup {
  private readonly cache: TtlCache<TokenRecord>;

  constructor(
    private readonly inner: TokenLookup,
    ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  async findByDigest(digest: string): Promise<TokenRecord | null> {
    const now = this.clock();
    const cached = this.cache.get(digest, now);
    if (cached !== undefined) return cached;
    let record: TokenRecord | null;
    try {
      record = await this.inner.findByDigest(digest);
    } catch (error) {
      this.cache.clear();
      throw error;
    }
    if (record?.status === 'active') this.cache.set(digest, record, now, record.expiresAt?.getTime());
    return record;
  }

  clear(): void {
    this.cache.clear();
  }
}
