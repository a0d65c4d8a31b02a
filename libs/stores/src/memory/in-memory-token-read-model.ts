import {
  effectiveStatus,
  isLiveStatus,
  projectTokenView,
  StoreUnavailableError,
  toTokenEvent,
  type LogPosition,
  type RecordedEvent,
  type TokenListQuery,
  type TokenProjection,
  type TokenReadModel,
  type TokenStatusCounts,
  type TokenView,
} from '@pat/domain';
import type { FreshnessSignal } from '../projection/projection-freshness';

type Listed = Pick<TokenView, 'createdAt' | 'id'>;

const newestFirst = (a: Listed, b: Listed): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export interface InMemoryTokenReadModelOptions {
  /**
   * Whether the projection filling this model is known to be current. While it is not,
   * `findByDigest` rejects with StoreUnavailableError: this model is the only copy, and an
   * answer from a model that missed a revocation could accept a revoked token.
   */
  freshness?: FreshnessSignal;
}

const STALE = new StoreUnavailableError(
  'The read model of this process is behind the event log; token checks wait until it has caught up',
);

/**
 * The embedded read model: every token in memory, rebuilt from the log at start and kept
 * current by following it. Lookups by digest, the hot path, are a single Map read.
 */
export class InMemoryTokenReadModel implements TokenReadModel, TokenProjection {
  private readonly byId = new Map<string, TokenView>();
  private readonly byDigest = new Map<string, TokenView>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Recorded active or suspended: the tokens that can still lapse. */
  private readonly live = new Set<string>();
  private readonly recorded: TokenStatusCounts = { active: 0, suspended: 0, revoked: 0, expired: 0, rotated: 0 };
  private position: LogPosition | null = null;
  private readonly freshness: FreshnessSignal | null;

  constructor(options: InMemoryTokenReadModelOptions = {}) {
    this.freshness = options.freshness ?? null;
  }

  findByDigest(tokenDigest: string): Promise<TokenView | null> {
    if (this.freshness?.current === false) return Promise.reject(STALE);
    return Promise.resolve(this.byDigest.get(tokenDigest) ?? null);
  }

  /** The synchronous form of `findByDigest`, for the auth path. */
  viewByDigest(tokenDigest: string): TokenView | undefined {
    return this.byDigest.get(tokenDigest);
  }

  findById(tokenId: string): Promise<TokenView | null> {
    return Promise.resolve(this.byId.get(tokenId) ?? null);
  }

  list(query: TokenListQuery): Promise<TokenView[]> {
    const { after, status, now, limit } = query;
    const views: TokenView[] = [];
    for (const view of this.viewsOf(query.userId)) {
      if (after !== undefined && newestFirst(after, view) >= 0) continue;
      if (status === undefined || effectiveStatus(view, now) === status) views.push(view);
    }
    views.sort(newestFirst);
    return Promise.resolve(limit === undefined ? views : views.slice(0, limit));
  }

  countLiveByUser(userId: string, now: Date): Promise<number> {
    let live = 0;
    for (const view of this.viewsOf(userId)) if (isLiveStatus(effectiveStatus(view, now))) live++;
    return Promise.resolve(live);
  }

  findDueForExpiry(now: Date, limit: number): Promise<TokenView[]> {
    const due: TokenView[] = [];
    for (const id of this.live) {
      const view = this.byId.get(id);
      if (view?.expiresAt && view.expiresAt.getTime() <= now.getTime()) due.push(view);
    }
    due.sort((a, b) => (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0));
    return Promise.resolve(due.slice(0, limit));
  }

  async *liveTokens(batchSize: number): AsyncIterable<TokenView[]> {
    let batch: TokenView[] = [];
    for (const id of this.live) {
      const view = this.byId.get(id);
      if (view !== undefined) batch.push(view);
      if (batch.length < batchSize) continue;
      yield batch;
      batch = [];
      // Lets requests in between: the live set of a million tokens is a long walk.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (batch.length > 0) yield batch;
  }

  /** Counted as recorded, then the recorded-live tokens whose expiry has passed move to expired. */
  countByStatus(now: Date): Promise<TokenStatusCounts> {
    const counts = { ...this.recorded };
    for (const id of this.live) {
      const view = this.byId.get(id);
      if (view && effectiveStatus(view, now) === 'expired') {
        counts[view.status]--;
        counts.expired++;
      }
    }
    return Promise.resolve(counts);
  }

  apply(recorded: RecordedEvent): Promise<void> {
    this.position = recorded.position;
    const event = toTokenEvent(recorded);
    if (event === null) return Promise.resolve();
    const tokenId = event.data.tokenId;
    const next = projectTokenView(this.byId.get(tokenId) ?? null, event, recorded.revision);
    if (next !== undefined) this.store(next);
    return Promise.resolve();
  }

  checkpoint(): Promise<LogPosition | null> {
    return Promise.resolve(this.position);
  }

  private *viewsOf(userId: string | undefined): Iterable<TokenView> {
    if (userId === undefined) {
      yield* this.byId.values();
      return;
    }
    for (const id of this.byUser.get(userId) ?? []) {
      const view = this.byId.get(id);
      if (view) yield view;
    }
  }

  private store(view: TokenView): void {
    const previous = this.byId.get(view.id);
    if (previous) this.recorded[previous.status]--;
    this.recorded[view.status]++;
    this.byId.set(view.id, view);
    this.byDigest.set(view.tokenDigest, view);
    let owned = this.byUser.get(view.userId);
    if (!owned) this.byUser.set(view.userId, (owned = new Set()));
    owned.add(view.id);
    if (isLiveStatus(view.status)) this.live.add(view.id);
    else this.live.delete(view.id);
  }
}
