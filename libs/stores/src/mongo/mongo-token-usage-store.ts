import type { TokenUse, TokenUsageStore } from '@pat/domain';
import { Schema, type Connection, type ConnectOptions, type DefaultIdVirtual, type Model } from 'mongoose';
import { openMongoConnection } from './mongo-connection';
import { mongoOperation } from './mongo-store-errors';

export const TOKEN_USAGE_COLLECTION = 'token_usage';

interface TokenUsageDocument {
  _id: string;
  lastUsedAt: Date;
}

const tokenUsageSchema = new Schema<TokenUsageDocument>(
  { _id: { type: String, required: true }, lastUsedAt: { type: Date, required: true } },
  { versionKey: false },
);

/** Last uses in MongoDB, one document per token, shared by every API process. */
export class MongoTokenUsageStore implements TokenUsageStore {
  private readonly usage: Model<TokenUsageDocument, object, object, DefaultIdVirtual>;

  private constructor(private readonly connection: Connection) {
    this.usage = connection.model('TokenUsage', tokenUsageSchema, TOKEN_USAGE_COLLECTION);
  }

  static async open(url: string, options: ConnectOptions = {}): Promise<MongoTokenUsageStore> {
    return new MongoTokenUsageStore(await openMongoConnection(url, options));
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
