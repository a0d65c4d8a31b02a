import {
  projectTokenView,
  StoreUnavailableError,
  toTokenEvent,
  type LogPosition,
  type RecordedEvent,
  type TokenEvent,
  type TokenListQuery,
  type TokenProjection,
  type TokenReadModel,
  type TokenStatus,
  type TokenStatusCounts,
  type TokenView,
} from '@pat/domain';
import { ConnectionStates, type Connection, type ConnectOptions, type DefaultIdVirtual, type Model } from 'mongoose';
import { openMongoConnection } from './mongo-connection';
import { isDuplicateKeyError, mongoOperation } from './mongo-store-errors';
import { projectionCheckpointSchema, type ProjectionCheckpointDocument } from './projection-checkpoint.document';
import {
  dueForExpiryFilter,
  listFilter,
  LIVE,
  liveFilter,
  NEWEST_FIRST,
  pageFilter,
  SOONEST_EXPIRY_FIRST,
} from './token-view.filters';
import { tokenViewSchema, toTokenView, toTokenViewDocument, type TokenViewDocument } from './token-view.document';
import { TokenViewCache } from './token-view-cache';
import type { FreshnessSignal } from '../projection/projection-freshness';

export const TOKEN_VIEWS_COLLECTION = 'token_views';
export const PROJECTION_CHECKPOINTS_COLLECTION = 'projection_checkpoints';
export const TOKEN_VIEWS_PROJECTION = 'token-views';
const CACHED_VIEWS = 100_000;

export interface MongoTokenReadModelOptions {
  /** Names this projection's checkpoint; two projections into one database need two names. */
  projectionName?: string;
  /** Overrides of the connection options (timeouts, database name). */
  connection?: ConnectOptions;
  /**
   * Keep views found by digest in this process, and serve them while this signal holds (no
   * cache by default). Only for a model whose projection runs in this process: that is what
   * evicts them, and what the signal vouches for. While it does not hold, every lookup reads
   * MongoDB, which the other processes' projections keep current.
   */
  cacheByDigest?: FreshnessSignal;
}

/**
 * The production read model: one MongoDB document per token, kept by an idempotent projection
 * (event N applies only over revision N−1, guarded in the write itself, so replays, duplicates
 * and concurrent projectors change nothing) and queried with the status as of `now`.
 */
export class MongoTokenReadModel implements TokenReadModel, TokenProjection {
  private readonly tokens: Model<TokenViewDocument, object, object, DefaultIdVirtual>;
  private readonly checkpoints: Model<ProjectionCheckpointDocument, object, object, DefaultIdVirtual>;
  private readonly projectionName: string;
  private readonly cache: TokenViewCache | null;
  private readonly freshness: FreshnessSignal | null;

  private constructor(
    private readonly connection: Connection,
    options: MongoTokenReadModelOptions,
  ) {
    this.projectionName = options.projectionName ?? TOKEN_VIEWS_PROJECTION;
    this.freshness = options.cacheByDigest ?? null;
    this.cache = this.freshness === null ? null : new TokenViewCache(CACHED_VIEWS);
    // Whatever happened while disconnected, or while the projection was behind, reaches this
    // process's projection later: until then, no view read before may be served.
    connection.on('disconnected', () => this.cache?.clear());
    this.freshness?.onChange((current) => {
      if (!current) this.cache?.clear();
    });
    this.tokens = connection.model('TokenView', tokenViewSchema, TOKEN_VIEWS_COLLECTION);
    this.checkpoints = connection.model(
      'ProjectionCheckpoint',
      projectionCheckpointSchema,
      PROJECTION_CHECKPOINTS_COLLECTION,
    );
  }

  /** Connects and creates the indexes; rejects with StoreUnavailableError when MongoDB is down. */
  static async open(url: string, options: MongoTokenReadModelOptions = {}): Promise<MongoTokenReadModel> {
    const connection = await openMongoConnection(url, options.connection);
    const model = new MongoTokenReadModel(connection, options);
    try {
      await mongoOperation('create indexes', () => model.tokens.createIndexes());
    } catch (error) {
      await model.close();
      throw error;
    }
    return model;
  }

  findByDigest(tokenDigest: string): Promise<TokenView | null> {
    const cached = this.cacheServes() ? this.cache?.get(tokenDigest) : undefined;
    if (cached !== undefined) return Promise.resolve(cached);
    return mongoOperation('find by digest', async () => {
      const ticket = this.cache?.ticket() ?? 0;
      const document = await this.tokens.findOne({ tokenDigest }).lean<TokenViewDocument>().exec();
      const view = document ? toTokenView(document) : null;
      if (view !== null && this.cacheServes()) this.cache?.keep(view, ticket);
      return view;
    });
  }

  private cacheServes(): boolean {
    return this.freshness?.current === true && this.connection.readyState === ConnectionStates.connected;
  }

  findById(tokenId: string): Promise<TokenView | null> {
    return mongoOperation('find by id', () => this.viewById(tokenId));
  }

  list(query: TokenListQuery): Promise<TokenView[]> {
    if (query.limit === 0) return Promise.resolve([]);
    return mongoOperation('list', async () => {
      const found = this.tokens.find(pageFilter(query)).sort(NEWEST_FIRST);
      if (query.limit !== undefined) found.limit(query.limit);
      const documents = await found.lean<TokenViewDocument[]>().exec();
      return documents.map(toTokenView);
    });
  }

  countLiveByUser(userId: string, now: Date): Promise<number> {
    return mongoOperation('count active by user', () => this.tokens.countDocuments(liveFilter(userId, now)).exec());
  }

  findDueForExpiry(now: Date, limit: number): Promise<TokenView[]> {
    return mongoOperation('find due for expiry', async () => {
      const documents = await this.tokens
        .find(dueForExpiryFilter(now))
        .sort(SOONEST_EXPIRY_FIRST)
        .limit(limit)
        .lean<TokenViewDocument[]>()
        .exec();
      return documents.map(toTokenView);
    });
  }

  async *liveTokens(batchSize: number): AsyncIterable<TokenView[]> {
    let after: string | null = null;
    for (;;) {
      const from: string | null = after;
      const documents: TokenViewDocument[] = await mongoOperation('walk the live tokens', () =>
        this.tokens
          .find(from === null ? LIVE : { ...LIVE, _id: { $gt: from } })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<TokenViewDocument[]>()
          .exec(),
      );
      if (documents.length > 0) yield documents.map(toTokenView);
      if (documents.length < batchSize) return;
      after = documents[documents.length - 1]._id;
    }
  }

  countByStatus(now: Date): Promise<TokenStatusCounts> {
    return mongoOperation('count by status', async () => {
      const count = (status: TokenStatus): Promise<number> =>
        this.tokens.countDocuments(listFilter({ status, now })).exec();
      const [active, suspended, revoked, expired, rotated] = await Promise.all([
        count('active'),
        count('suspended'),
        count('revoked'),
        count('expired'),
        count('rotated'),
      ]);
      return { active, suspended, revoked, expired, rotated };
    });
  }

  /** Writes the token's document first and the checkpoint after: a crash in between only replays. */
  apply(recorded: RecordedEvent): Promise<void> {
    const event = toTokenEvent(recorded);
    if (event !== null) this.cache?.evict(event.data.tokenId);
    return mongoOperation('apply', async () => {
      if (event !== null) await this.project(event, recorded.revision);
      await this.saveCheckpoint(recorded.position);
    });
  }

  /**
   * A run of TokenGenerated events (a rebuild, a catch-up) goes in one unordered insertMany;
   * any other event in the batch, and the events after it, are applied one by one. The
   * checkpoint follows the documents, as in `apply`.
   */
  async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    const generated: TokenView[] = [];
    let index = 0;
    for (; index < events.length; index++) {
      const event = toTokenEvent(events[index]);
      if (event?.type !== 'TokenGenerated') break;
      const view = projectTokenView(null, event, events[index].revision);
      if (view) generated.push(view);
    }
    if (index > 0) {
      await mongoOperation('apply', async () => {
        await this.insertAll(generated);
        await this.saveCheckpoint(events[index - 1].position);
      });
    }
    for (; index < events.length; index++) await this.apply(events[index]);
  }

  checkpoint(): Promise<LogPosition | null> {
    return mongoOperation('read checkpoint', async () => {
      const document = await this.checkpoints.findById(this.projectionName).lean<ProjectionCheckpointDocument>().exec();
      return document?.position ?? null;
    });
  }

  /**
   * Forgets every token and this projection's checkpoint, for a rebuild from the start of the
   * log. The checkpoint goes first: interrupted, the rebuild only replays over old documents.
   * Run it with no projector writing to this database.
   */
  reset(): Promise<void> {
    return mongoOperation('reset', async () => {
      this.cache?.clear();
      await this.checkpoints.deleteOne({ _id: this.projectionName }).exec();
      await this.tokens.deleteMany({}).exec();
    });
  }

  /** Resolves when MongoDB answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void> {
    return mongoOperation('ping', async () => {
      if (!this.connection.db) throw new StoreUnavailableError('MongoDB read model is not connected');
      await this.connection.db.admin().ping();
    });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async project(event: TokenEvent, revision: number): Promise<void> {
    if (event.type === 'TokenGenerated') {
      const created = projectTokenView(null, event, revision);
      if (created) await this.insert(created);
      return;
    }
    const current = await this.viewById(event.data.tokenId);
    const next = current && projectTokenView(current, event, revision);
    if (!next) return;
    const { _id, ...fields } = toTokenViewDocument(next);
    await this.tokens.updateOne({ _id, revision: revision - 1 }, { $set: fields }).exec();
  }

  /** A duplicate key on the token's own id means it was already applied. */
  private async insert(view: TokenView): Promise<void> {
    try {
      await this.tokens.insertOne(toTokenViewDocument(view));
    } catch (error) {
      if (isDuplicateKeyError(error) && (await this.tokens.exists({ _id: view.id }).exec())) return;
      throw error;
    }
  }

  /** Duplicate keys on the tokens' own ids mean they were already applied. */
  private async insertAll(views: readonly TokenView[]): Promise<void> {
    if (views.length === 0) return;
    try {
      await this.tokens.insertMany(views.map(toTokenViewDocument), { ordered: false, lean: true });
    } catch (error) {
      const failed = writeErrorIndexes(error);
      if (failed === null) throw error;
      for (const index of failed) {
        if (!(await this.tokens.exists({ _id: views[index].id }).exec())) throw error;
      }
    }
  }

  /** Two upserts of a missing document can race; the loser's duplicate key means it exists now. */
  private async saveCheckpoint(position: LogPosition): Promise<void> {
    const save = (): Promise<unknown> =>
      this.checkpoints.updateOne({ _id: this.projectionName }, { $set: { position } }, { upsert: true }).exec();
    try {
      await save();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await save();
    }
  }

  private async viewById(tokenId: string): Promise<TokenView | null> {
    const document = await this.tokens.findById(tokenId).lean<TokenViewDocument>().exec();
    return document ? toTokenView(document) : null;
  }
}

/** Indexes of the documents an unordered insertMany refused for a duplicate key, or null for any other failure. */
function writeErrorIndexes(error: unknown): number[] | null {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return null;
  const { writeErrors } = error;
  const list = Array.isArray(writeErrors) ? (writeErrors as unknown[]) : [writeErrors];
  const indexes: number[] = [];
  for (const writeError of list) {
    const { code, index } = writeError as { code?: unknown; index?: unknown };
    if (code !== 11000 || typeof index !== 'number') return null;
    indexes.push(index);
  }
  return indexes;
}
