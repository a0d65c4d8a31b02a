import type { WebSession, WebSessionStore } from '@pat/domain';

export interface OpenedWebSessionStore {
  store: WebSessionStore;
  /** The same store as another process (or a restarted one) sees it. */
  openAgain: () => Promise<WebSessionStore>;
  cleanup: () => Promise<void>;
}

const T0 = new Date('2031-06-15T12:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

const session = (idDigest: string, overrides: Partial<WebSession> = {}): WebSession => ({
  idDigest,
  user: { userId: `user-of-${idDigest}`, email: `${idDigest}@example.com`, roles: ['admin', 'ops'] },
  createdAt: T0,
  expiresAt: later(8 * HOUR),
  ...overrides,
});

/** The behaviour every adapter of WebSessionStore must have; each test opens a fresh store. */
export function describeWebSessionStoreContract(name: string, open: () => Promise<OpenedWebSessionStore>): void {
  describe(`WebSessionStore contract: ${name}`, () => {
    let opened: OpenedWebSessionStore;
    let store: WebSessionStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => opened.cleanup());

    it('finds a saved session by its digest, exactly as saved, and no other', async () => {
      await store.save(session('d1'));
      await store.save(session('d2', { user: { userId: 'ålice 用户', email: null, roles: [] } }));

      expect(await store.find('d1', T0)).toEqual(session('d1'));
      expect(await store.find('d2', T0)).toEqual(
        session('d2', { user: { userId: 'ålice 用户', email: null, roles: [] } }),
      );
      expect(await store.find('d3', T0)).toBeNull();
    });

    it('answers a session until the millisecond it is over, and none from then on', async () => {
      await store.save(session('d1'));

      expect(await store.find('d1', later(8 * HOUR - 1))).not.toBeNull();
      expect(await store.find('d1', later(8 * HOUR))).toBeNull();
    });

    it('replaces a session saved again under the same digest', async () => {
      await store.save(session('d1'));
      await store.save(session('d1', { expiresAt: later(HOUR) }));

      expect(await store.find('d1', T0)).toEqual(session('d1', { expiresAt: later(HOUR) }));
    });

    it('ends one session and leaves the others; ending an unknown one is no error', async () => {
      await store.save(session('d1'));
      await store.save(session('d2'));

      await store.end('d1');
      await store.end('never-saved');

      expect(await store.find('d1', T0)).toBeNull();
      expect(await store.find('d2', T0)).toEqual(session('d2'));
    });

    it('purges the sessions that are over, counts them, and keeps the rest', async () => {
      await store.save(session('over', { expiresAt: later(HOUR) }));
      await store.save(session('just-over', { expiresAt: later(2 * HOUR) }));
      await store.save(session('lasting', { expiresAt: later(2 * HOUR + 1) }));

      expect(await store.purgeExpired(later(2 * HOUR))).toBe(2);
      expect(await store.purgeExpired(later(2 * HOUR))).toBe(0);
      expect(await store.find('lasting', T0)).toEqual(session('lasting', { expiresAt: later(2 * HOUR + 1) }));
      expect(await store.find('over', T0)).toBeNull();
    });

    it('shares sessions and sign-outs with another connection to the same store', async () => {
      await store.save(session('d1'));
      const other = await opened.openAgain();

      expect(await other.find('d1', T0)).toEqual(session('d1'));
      await other.end('d1');
      expect(await store.find('d1', T0)).toBeNull();
    });
  });
}
