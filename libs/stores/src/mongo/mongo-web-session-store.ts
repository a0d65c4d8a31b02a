import type { WebSession, WebSessionStore } from '@pat/domain';
import { Schema, type Connection, type ConnectOptions, type DefaultIdVirtual, type Model } from 'mongoose';
import { openMongoConnection } from './mongo-connection';
import { mongoOperation } from './mongo-store-errors';

export const WEB_SESSIONS_COLLECTION = 'web_sessions';

interface WebSessionDocument {
  _id: string;
  userId: string;
  email: string | null;
  roles: string[];
  createdAt: Date;
  expiresAt: Date;
}

const webSessionSchema = new Schema<WebSessionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    email: { type: String, default: null },
    roles: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { versionKey: false },
);

/** Sessions in MongoDB, one document per session keyed by its id's digest, shared by every API process. */
export class MongoWebSessionStore implements WebSessionStore {
  private readonly sessions: Model<WebSessionDocument, object, object, DefaultIdVirtual>;

  private constructor(private readonly connection: Connection) {
    this.sessions = connection.model('WebSession', webSessionSchema, WEB_SESSIONS_COLLECTION);
  }

  static async open(url: string, options: ConnectOptions = {}): Promise<MongoWebSessionStore> {
    return new MongoWebSessionStore(await openMongoConnection(url, options));
  }

  save({ idDigest, user, createdAt, expiresAt }: WebSession): Promise<void> {
    const document: WebSessionDocument = {
      _id: idDigest,
      userId: user.userId,
      email: user.email,
      roles: [...user.roles],
      createdAt,
      expiresAt,
    };
    return mongoOperation('save web session', async () => {
      await this.sessions.replaceOne({ _id: idDigest }, document, { upsert: true }).exec();
    });
  }

  find(idDigest: string, now: Date): Promise<WebSession | null> {
    return mongoOperation('read web session', async () => {
      const document = await this.sessions
        .findOne({ _id: idDigest, expiresAt: { $gt: now } })
        .lean<WebSessionDocument>()
        .exec();
      return document === null ? null : sessionOf(document);
    });
  }

  end(idDigest: string): Promise<void> {
    return mongoOperation('end web session', async () => {
      await this.sessions.deleteOne({ _id: idDigest }).exec();
    });
  }

  purgeExpired(now: Date): Promise<number> {
    return mongoOperation('purge web sessions', async () => {
      const { deletedCount } = await this.sessions.deleteMany({ expiresAt: { $lte: now } }).exec();
      return deletedCount;
    });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

function sessionOf(document: WebSessionDocument): WebSession {
  return {
    idDigest: document._id,
    user: { userId: document.userId, email: document.email ?? null, roles: document.roles },
    createdAt: document.createdAt,
    expiresAt: document.expiresAt,
  };
}
