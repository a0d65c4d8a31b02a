import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('keeps an answer for ttlMs, and not past its own end', () => {
    const cache = new TtlCache<string>(1000);
    cache.set('a', 'alice', 0);
    cache.set('b', 'bob', 0, 300);
    expect([cache.get('a', 999), cache.get('b', 299)]).toEqual(['alice', 'bob']);
    expect([cache.get('a', 1000), cache.get('b', 300)]).toEqual([undefined, undefined]);
  });

  it('keeps nothing with ttlMs 0', () => {
    const cache = new TtlCache<string>(0);
    cache.set('a', 'alice', 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });

  it('lets the oldest entry go once full, and forgets everything on clear', () => {
    const cache = new TtlCache<number>(1000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('c', 3, 0);
    expect(['a', 'b', 'c'].map((key) => cache.get(key, 1))).toEqual([undefined, 2, 3]);
    cache.clear();
    expect(cache.get('c', 1)).toBeUndefined();
  });
});
