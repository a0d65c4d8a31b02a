import { TokenRateLimiter } from './token-rate-limiter';

describe('TokenRateLimiter', () => {
  it('lets a burst of the limit through at once, then one request per 1/limit seconds', () => {
    const limiter = new TokenRateLimiter();
    const taken = Array.from({ length: 6 }, () => limiter.take('t', 5, 1000));
    expect(taken).toEqual([0, 0, 0, 0, 0, 200]);
    expect(limiter.take('t', 5, 1100)).toBe(100);
    expect(limiter.take('t', 5, 1200)).toBe(0);
    expect(limiter.take('t', 5, 1200)).toBe(200);
  });

  it('refills up to the limit, never beyond, however long the token rests', () => {
    const limiter = new TokenRateLimiter();
    for (let i = 0; i < 3; i++) limiter.take('t', 3, 0);
    const afterRest = Array.from({ length: 4 }, () => limiter.take('t', 3, 60_000));
    expect(afterRest).toEqual([0, 0, 0, 334]);
  });

  it('keeps one bucket per token', () => {
    const limiter = new TokenRateLimiter();
    expect([limiter.take('a', 1, 0), limiter.take('a', 1, 0), limiter.take('b', 1, 0)]).toEqual([0, 1000, 0]);
  });

  it('allows each of N processes its share of the limit', () => {
    const limiter = new TokenRateLimiter(2);
    const taken = Array.from({ length: 6 }, () => limiter.take('t', 10, 0));
    expect(taken.filter((wait) => wait === 0)).toHaveLength(5);
    expect(limiter.take('t', 10, 200)).toBe(0);
  });

  it('lets a share below one request a second through once, then once per 1/share seconds', () => {
    const limiter = new TokenRateLimiter(4);
    expect([limiter.take('t', 2, 0), limiter.take('t', 2, 0)]).toEqual([0, 2000]);
  });

  it('applies a changed limit from the next request on', () => {
    const limiter = new TokenRateLimiter();
    for (let i = 0; i < 10; i++) limiter.take('t', 10, 0);
    expect(limiter.take('t', 1, 500)).toBe(500);
    expect(limiter.take('t', 1, 1000)).toBe(0);
    expect(limiter.take('t', 1, 1000)).toBe(1000);
  });

  it('forgets buckets that are full again once it holds many, so its memory stays bounded', () => {
    const limiter = new TokenRateLimiter();
    for (let i = 0; i < 10_000; i++) limiter.take(`t${i}`, 100, 0);
    expect(limiter.size).toBe(10_000);
    limiter.take('late', 100, 5_000);
    expect(limiter.size).toBe(1);
  });
});
