import type { TokenView } from '@pat/domain';

/**
 * Views found by digest, kept in this process so that the X-API-Token check does not query
 * MongoDB on every request. This process's projection evicts a token before it writes any
 * event of it, and a lookup that was in flight across an eviction is not kept: once a revoke
 * (or an expiry) reaches this process's projection, the view that predates it is never served.
 */
export class TokenViewCache {
  private readonly byDigest = new Map<string, TokenView>();
  private readonly digestById = new Map<string, string>();
  private evictions = 0;

  constructor(private readonly capacity: number) {}

  get(tokenDigest: string): TokenView | undefined {
    return this.byDigest.get(tokenDigest);
  }

  /** A ticket to take before querying, for `keep` after it. */
  ticket(): number {
    return this.evictions;
  }

  /** Keeps a view read from MongoDB, unless some token was evicted since `ticket` was taken. */
  keep(view: TokenView, ticket: number): void {
    if (ticket !== this.evictions || view.status !== 'active') return;
    if (this.byDigest.size >= this.capacity) this.evictOldest();
    this.byDigest.set(view.tokenDigest, view);
    this.digestById.set(view.id, view.tokenDigest);
  }

  evict(tokenId: string): void {
    this.evictions++;
    const digest = this.digestById.get(tokenId);
    if (digest === undefined) return;
    this.digestById.delete(tokenId);
    this.byDigest.delete(digest);
  }

  clear(): void {
    this.evictions++;
    this.byDigest.clear();
    this.digestById.clear();
  }

  get size(): number {
    return this.byDigest.size;
  }

  private evictOldest(): void {
    const oldest = this.byDigest.values().next();
    if (!oldest.done) this.evict(oldest.value.id);
  }
}
