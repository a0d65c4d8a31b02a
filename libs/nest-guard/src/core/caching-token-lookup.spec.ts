import { CachingTokenLookup } from './caching-token-lookup';
import type { TokenLookup, TokenRecord } from './token-verifier';

const active: TokenRecord = {
  id: 't1',
  userId: 'alice',
  name: 'CI',
  status: 'active',
  expiresAt: null,
  scopes: ['read_api'],
};

/** The store the cache sits in front of, answering from a table the test changes. */
class TableLookup implements TokenLookup {
  readonly table = new Map<string, TokenRecord>();
  calls = 0;
  down = false;

  findByDigest(digest: string): Promise<TokenRecord | null> {
    this.calls++;
    if (this.down) return Promise.reject(new Error('store down'));
    return Promise.resolve(this.table.get(digest) ?? null);
  }
}

describe('CachingTokenLookup', () => {
  let now: number;
  let store: TableLookup;
  let lookup: CachingTokenLookup;
  beforeEach(() => {
    now = 0;
    store = new TableLookup();
    lookup = new CachingTokenLookup(store, 1000, () => now);
  });

  it('answers an active token from memory for ttlMs, then asks the store again', async () => {
    store.table.set('d1', active);
    await lookup.findByDigest('d1');
    store.table.set('d1', { ...active, status: 'revoked' });
    now = 999;
    expect((await lookup.findByDigest('d1'))?.status).toBe('active');
    now = 1000;
    expect((await lookup.findByDigest('d1'))?.status).toBe('revoked');
    expect(store.calls).toBe(2);
  });

  it('asks the store every time for revoked, expired and unknown tokens', async () => {
    store.table.set('r', { ...active, status: 'revoked' });
    store.table.set('e', { ...active, status: 'expired' });
    for (const digest of ['r', 'e', 'unknown']) {
      await lookup.findByDigest(digest);
      await lookup.findByDigest(digest);
    }
    expect(store.calls).toBe(6);
  });

  it('remembers a token no longer than its expiry', async () => {
    store.table.set('d1', { ...active, expiresAt: new Date(200) });
    await lookup.findByDigest('d1');
    now = 200;
    await lookup.findByDigest('d1');
    expect(store.calls).toBe(2);
  });

  it('forgets everything when the store fails, so nothing is accepted from memory while it is down', async () => {
    store.table.set('d1', active);
    await lookup.findByDigest('d1');
    store.down = true;
    await expect(lookup.findByDigest('d2')).rejects.toThrow('store down');
    await expect(lookup.findByDigest('d1')).rejects.toThrow('store down');
  });
});
