import { CLIENT_USE_KEPT_MS, newestClients, type ClientUse, type TokenUse, type TokenUsageStore } from '@pat/domain';
import { Schema, type Connection, type ConnectOptions, type DefaultIdVirtual, type Model } from 'mongoose';
import { openMongoConnection } from './mongo-connection';
import { mongoOperation } from './mongo-store-errors';

export const TOKEN_USAGE_COLLECTION = 'token_usage';
export const TOKEN_CLIENTS_COLLECTION = 'token_clients';

interface TokenUsageDocument {
  _id: string;
  lastUsedAt: Date;
}

const tokenUsageSchema = new Schema<TokenUsageDocument>(
  { _id: { type: String, required: true }, lastUsedAt: { type: Date, required: true } },
  { versionKey: false },
);

/** One client of one token: `_id` joins the three, so that a use upserts its own document. */
interface TokenClientDocument {
  _id: string;
  tokenId: string;
  address: string;
  userAgent: string | null;
  lastUsedAt: Date;
}

const tokenClientSchema = new Schema<TokenClientDocument>(
  {
    _id: { type: String, required: true },
    tokenId: { type: String, required: true },
    address: { type: String, required: true },
    userAgent: { type: String, default: null },
    lastUsedAt: { type: Date, required: true },
  },
  { versionKey: false, autoIndex: false, autoCreate: false },
);
tokenClientSchema.index({ tokenId: 1, lastUsedAt: -1 }, { name: 'tokenId_lastUsedAt' });
tokenClientSchema.index({ lastUsedAt: 1 }, { name: 'lastUsedAt' });

/** Last uses in MongoDB, one document per token and one per token and client, shared by every API process. */
export class MongoTokenUsageStore implements TokenUsageStore {
  private readonly usage: Model<TokenUsageDocument, object, object, DefaultIdVirtual>;
  private readonly clients: Model<TokenClientDocument, object, object, DefaultIdVirtual>;

  private constructor(private readonly connection: Connection) {
    this.usage = connection.model('TokenUsage', tokenUsageSchema, TOKEN_USAGE_COLLECTION);
    this.clients = connection.model('TokenClient', tokenClientSchema, TOKEN_CLIENTS_COLLECTION);
  }

  static async open(url: string, options: ConnectOptions = {}): Promise<MongoTokenUsageStore> {
    const store = new MongoTokenUsageStore(await openMongoConnection(url, options));
    await mongoOperation('create indexes', () => store.clients.createIndexes());
    return store;
  }

  record(uses: readonly TokenUse[]): Promise<void> {
    if (uses.length === 0) return Promise.resolve();
    return mongoOperation('record token use', async () => {
      await this.usage.bulkWrite(
        uses.map(({ tokenId, usedAt }) => ({
          updateOne: { filter: { _id: tokenId }, update: { $max: { lastUsedAt: usedAt } }, upsert: true },
        })),
        { ordered: false },
      );
      await this.recordClients(uses);
    });
  }

  private async recordClients(uses: readonly TokenUse[]): Promise<void> {
    const writes = uses.flatMap(({ tokenId, clients = [] }) =>
      clients.map(({ address, userAgent, usedAt }) => ({
        updateOne: {
          filter: { _id: `${tokenId}\n${address}\n${userAgent ?? ''}` },
          update: { $max: { lastUsedAt: usedAt }, $setOnInsert: { tokenId, address, userAgent } },
          upsert: true,
        },
      })),
    );
    if (writes.length === 0) return;
    await this.clients.bulkWrite(writes, { ordered: false });
    const latest = Math.max(...uses.map((use) => use.usedAt.getTime()));
    await this.clients.deleteMany({ lastUsedAt: { $lt: new Date(latest - CLIENT_USE_KEPT_MS) } }).exec();
  }

  recentClients(tokenIds: readonly string[]): Promise<Map<string, ClientUse[]>> {
    if (tokenIds.length === 0) return Promise.resolve(new Map<string, ClientUse[]>());
    return mongoOperation('read token clients', async () => {
      const documents = await this.clients
        .find({ tokenId: { $in: [...tokenIds] } })
        .sort({ lastUsedAt: -1 })
        .lean<TokenClientDocument[]>()
        .exec();
      const byToken = new Map<string, ClientUse[]>();
      for (const { tokenId, address, userAgent, lastUsedAt } of documents) {
        byToken.set(tokenId, [
          ...(byToken.get(tokenId) ?? []),
          { address, userAgent: userAgent ?? null, usedAt: lastUsedAt },
        ]);
      }
      return new Map([...byToken].map(([tokenId, uses]) => [tokenId, newestClients(uses)]));
    });
  }

  lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>> {
    if (tokenIds.length === 0) return Promise.resolve(new Map<string, Date>());
    return mongoOperation('read token use', async () => {
      const documents: TokenUsageDocument[] = await this.usage
        .find({ _id: { $in: [...tokenIds] } })
        .lean<TokenUsageDocument[]>()
        .exec();
      return new Map<string, Date>(documents.map((document) => [document._id, document.lastUsedAt]));
    });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
