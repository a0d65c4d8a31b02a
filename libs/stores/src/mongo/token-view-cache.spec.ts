import type { TokenView } from '@pat/domain';
import { TokenViewCache } from './token-view-cache';

const view = (id: string, status: TokenView['status'] = 'active'): TokenView => ({
  id,
  userId: 'alice',
  ownerEmail: null,
  name: id,
  tokenHint: 'pat_abcd…wxyz',
  tokenDigest: `digest-${id}`,
  scopes: ['api', 'read_api'],
  maxRequestsPerSecond: null,
  createdAt: new Date('2030-01-01T00:00:00Z'),
  expiresAt: null,
  status,
  revokedAt: null,
  revokedBy: null,
  suspendedAt: null,
  suspendedBy: null,
  expiredAt: null,
  expiredByPolicy: false,
  successorId: null,
  rotatedAt: null,
  graceUntil: null,
  predecessorId: null,
  revision: 0,
});

describe('TokenViewCache', () => {
  it('keeps an active view found by digest until its token is evicted', () => {
    const cache = new TokenViewCache(10);
    cache.keep(view('a'), cache.ticket());
    expect(cache.get('digest-a')?.id).toBe('a');
    cache.evict('a');
    expect(cache.get('digest-a')).toBeUndefined();
  });

  it('does not keep a view read across an eviction, which may predate it', () => {
    const cache = new TokenViewCache(10);
    const ticket = cache.ticket();
    cache.evict('a');
    cache.keep(view('a'), ticket);
    expect(cache.get('digest-a')).toBeUndefined();
  });

  it('keeps only active views', () => {
    const cache = new TokenViewCache(10);
    cache.keep(view('a', 'revoked'), cache.ticket());
    expect(cache.size).toBe(0);
  });

  it('forgets the oldest view when full', () => {
    const cache = new TokenViewCache(2);
    cache.keep(view('a'), cache.ticket());
    cache.keep(view('b'), cache.ticket());
    cache.keep(view('c'), cache.ticket());
    expect([cache.get('digest-a'), cache.get('digest-b')?.id, cache.get('digest-c')?.id]).toEqual([
      undefined,
      'b',
      'c',
    ]);
  });

  it('forgets everything on clear, and what was in flight', () => {
    const cache = new TokenViewCache(10);
    cache.keep(view('a'), cache.ticket());
    const ticket = cache.ticket();
    cache.clear();
    cache.keep(view('b'), ticket);
    expect(cache.size).toBe(0);
  });
});
