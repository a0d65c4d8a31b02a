/** A token's bucket: how many requests it may make now, as of `atMs`. */
interface Bucket {
  tokens: number;
  atMs: number;
}

/** Past this many buckets, those full again (idle long enough) are dropped before another is added. */
const MAX_BUCKETS = 10_000;

/**
 * Per-token rate limits as token buckets: a token limited to R requests a second may make R
 * (at least 1) at once, and R more each second after. Kept in this process's memory, without a
 * write; each process allows its `share` (R ÷ the number of processes the token's requests are
 * spread over, see TOKEN_RATE_LIMIT_PROCESSES). A token without a limit never reaches here.
 */
export class TokenRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** @param processes how many processes share a token's requests: each allows 1/processes of its limit. */
  constructor(private readonly processes = 1) {}

  /** Takes one request from the token's bucket: 0 when it may go, else the milliseconds until one could. */
  take(tokenId: string, maxRequestsPerSecond: number, nowMs: number): number {
    const perSecond = maxRequestsPerSecond / this.processes;
    const capacity = Math.max(1, perSecond);
    let bucket = this.buckets.get(tokenId);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_BUCKETS) this.dropFull(nowMs, perSecond);
      bucket = { tokens: capacity, atMs: nowMs };
      this.buckets.set(tokenId, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, nowMs - bucket.atMs) * perSecond) / 1000);
      bucket.atMs = nowMs;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / perSecond);
  }

  /** A bucket untouched for a second at the slowest rate seen here is full: the same as a new one. */
  private dropFull(nowMs: number, perSecond: number): void {
    const refillMs = Math.max(1000, 1000 / Math.min(1, perSecond));
    for (const [tokenId, bucket] of this.buckets) {
      if (nowMs - bucket.atMs >= refillMs) this.buckets.delete(tokenId);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
