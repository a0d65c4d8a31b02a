import { CLIENT_USE_KEPT_MS, type TokenUsageStore } from '@pat/domain';

export interface OpenedTokenUsageStore {
  store: TokenUsageStore;
  /** The same store as another process (or a restarted one) sees it. */
  openAgain: () => Promise<TokenUsageStore>;
  cleanup: () => Promise<void>;
}

const T0 = new Date('2031-06-15T12:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const A = '0b9f4a52-8a7e-4c1a-9a43-3c9e0c8d1a01';
const B = '0b9f4a52-8a7e-4c1a-9a43-3c9e0c8d1a02';
const C = '0b9f4a52-8a7e-4c1a-9a43-3c9e0c8d1a03';

/** The behaviour every adapter of TokenUsageStore must have; each test opens a fresh store. */
export function describeTokenUsageStoreContract(name: string, open: () => Promise<OpenedTokenUsageStore>): void {
  describe(`TokenUsageStore contract: ${name}`, () => {
    let opened: OpenedTokenUsageStore;
    let store: TokenUsageStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => opened.cleanup());

    it('knows nothing of tokens never used', async () => {
      expect(await store.lastUsed([A, B])).toEqual(new Map());
      expect(await store.lastUsed([])).toEqual(new Map());
    });

    it('answers the last use of each token asked for, and only those', async () => {
      await store.record([
        { tokenId: A, usedAt: T0 },
        { tokenId: B, usedAt: later(1000) },
        { tokenId: C, usedAt: later(2000) },
      ]);
      expect(await store.lastUsed([A, B])).toEqual(
        new Map([
          [A, T0],
          [B, later(1000)],
        ]),
      );
    });

    it('keeps the later time whatever order the batches arrive in, to the millisecond', async () => {
      await store.record([{ tokenId: A, usedAt: later(5_001) }]);
      await store.record([{ tokenId: A, usedAt: later(2_000) }]);
      await store.record([
        { tokenId: A, usedAt: later(3_000) },
        { tokenId: B, usedAt: later(7_000) },
      ]);
      expect(await store.lastUsed([A, B])).toEqual(
        new Map([
          [A, later(5_001)],
          [B, later(7_000)],
        ]),
      );
    });

    it('accepts an empty batch', async () => {
      await store.record([]);
      expect(await store.lastUsed([A])).toEqual(new Map());
    });

    it('shares the uses with another connection to the same store', async () => {
      await store.record([{ tokenId: A, usedAt: T0 }]);
      const other = await opened.openAgain();
      await other.record([{ tokenId: A, usedAt: later(60_000) }]);
      expect(await store.lastUsed([A])).toEqual(new Map([[A, later(60_000)]]));
    });

    it('keeps the latest time of each distinct client, and answers the 5 newest, newest first', async () => {
      const use = (address: string, userAgent: string | null, at: number) => ({
        address,
        userAgent,
        usedAt: later(at),
      });
      await store.record([
        { tokenId: A, usedAt: later(3_000), clients: [use('10.0.0.1', 'ci/1', 1_000), use('10.0.0.2', null, 3_000)] },
        { tokenId: B, usedAt: later(500), clients: [use('10.0.0.9', 'other', 500)] },
      ]);
      await store.record([
        { tokenId: A, usedAt: later(9_000), clients: [use('10.0.0.1', 'ci/1', 2_000), use('10.0.0.1', 'ci/2', 4_000)] },
        {
          tokenId: A,
          usedAt: later(9_000),
          clients: [use('10.0.0.3', 'x', 5_000), use('10.0.0.4', 'x', 6_000), use('10.0.0.5', 'x', 9_000)],
        },
      ]);
      const recent = await store.recentClients([A, C]);
      expect([...recent.keys()]).toEqual([A]);
      expect(recent.get(A)).toEqual([
        use('10.0.0.5', 'x', 9_000),
        use('10.0.0.4', 'x', 6_000),
        use('10.0.0.3', 'x', 5_000),
        use('10.0.0.1', 'ci/2', 4_000),
        use('10.0.0.2', null, 3_000),
      ]);
      await expect((await opened.openAgain()).recentClients([B])).resolves.toEqual(
        new Map([[B, [use('10.0.0.9', 'other', 500)]]]),
      );
    });

    it('forgets a client not seen for 90 days', async () => {
      await store.record([{ tokenId: A, usedAt: T0, clients: [{ address: '10.0.0.1', userAgent: null, usedAt: T0 }] }]);
      const muchLater = later(CLIENT_USE_KEPT_MS + 1);
      await store.record([
        { tokenId: B, usedAt: muchLater, clients: [{ address: '10.0.0.2', userAgent: null, usedAt: muchLater }] },
      ]);
      expect(await store.recentClients([A])).toEqual(new Map());
      expect(await store.lastUsed([A])).toEqual(new Map([[A, T0]]));
    });
  });
}
