import { createConnection, type Connection } from 'mongoose';
import { TokenStoreUnavailableError } from './token-authority';
import type { TokenLookup, TokenRecord } from './token-verifier';

/** The PAT service's read model of tokens, one document per token. */
export const TOKEN_VIEWS_COLLECTION = 'token_views';
const EVERY_SCOPE = ['*'];

interface TokenViewDocument {
  _id: string;
  userId: string;
  name: string;
  status: TokenRecord['status'];
  createdAt: Date;
  expiresAt: Date | null;
  expiredByPolicy?: boolean;
  graceUntil?: Date | null;
  scopes?: string[];
}

const PROJECTION = {
  _id: 1,
  userId: 1,
  name: 1,
  status: 1,
  createdAt: 1,
  expiresAt: 1,
  expiredByPolicy: 1,
  graceUntil: 1,
  scopes: 1,
} as const;

/**
 * Reads the PAT service's read model directly (its `token_views` collection), as the service's
 * own check does. Fails within seconds when MongoDB is down, and reconnects by itself.
 */
export class MongoTokenLookup implements TokenLookup {
  private readonly connection: Connection;

  constructor(
    mongoUrl: string,
    private readonly collection = TOKEN_VIEWS_COLLECTION,
    onDisconnected: () => void = () => undefined,
  ) {
    this.connection = createConnection(mongoUrl, {
      serverSelectionTimeoutMS: 2_000,
      connectTimeoutMS: 2_000,
      socketTimeoutMS: 5_000,
      heartbeatFrequencyMS: 2_000,
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
    });
    this.connection.on('disconnected', onDisconnected);
    // A failed first connection is answered per request (503); the driver keeps trying.
    this.connection.on('error', () => undefined);
    this.connection.asPromise().catch(() => undefined);
  }

  async findByDigest(digest: string): Promise<TokenRecord | null> {
    let document: TokenViewDocument | null;
    try {
      document = await this.connection
        .getClient()
        .db()
        .collection<TokenViewDocument>(this.collection)
        .findOne({ tokenDigest: digest }, { projection: PROJECTION });
    } catch (error) {
      throw new TokenStoreUnavailableError(error instanceof Error ? error.name : 'unknown error');
    }
    if (document === null) return null;
    return {
      id: document._id,
      userId: document.userId,
      name: document.name,
      status: document.status,
      createdAt: document.createdAt,
      expiresAt: document.expiresAt ?? null,
      expiredByPolicy: document.expiredByPolicy ?? false,
      graceUntil: document.graceUntil ?? null,
      scopes: document.scopes ?? EVERY_SCOPE,
    };
  }

  close(): Promise<void> {
    return this.connection.close(true);
  }
}
