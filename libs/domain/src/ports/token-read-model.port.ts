import type { TokenStatus, TokenView } from '../token/token-view';
import type { LogPosition, RecordedEvent } from './event-store.port';

/** A place in a newest-first list: the creation time and id of the token there. */
export interface TokenListPosition {
  createdAt: Date;
  id: string;
}

export interface TokenListQuery {
  userId?: string;
  /** Effective status at `now`. */
  status?: TokenStatus;
  now: Date;
  /** Only the tokens listed after this one (a page's last item). */
  after?: TokenListPosition;
  /** At most this many tokens. */
  limit?: number;
}

/** How many tokens have each effective status at a moment. */
export type TokenStatusCounts = Record<TokenStatus, number>;

/** Queries of the token read model. Every list is newest first: by `createdAt`, then by id, both descending. */
export interface TokenReadModel {
  findByDigest(tokenDigest: string): Promise<TokenView | null>;
  findById(tokenId: string): Promise<TokenView | null>;
  list(query: TokenListQuery): Promise<TokenView[]>;
  /** How many of the user's tokens are live at `now`: active or suspended, neither revoked nor past their expiry. */
  countLiveByUser(userId: string, now: Date): Promise<number>;
  /** Tokens recorded as active or suspended whose `expiresAt` is at or before `now`, soonest first. */
  findDueForExpiry(now: Date, limit: number): Promise<TokenView[]>;
  /**
   * Every token recorded as live (active or suspended), in batches of at most `batchSize`, in no
   * set order, each batch read as the iteration reaches it: for a sweep that visits them all once
   * without holding them all, and without keeping the process from answering meanwhile.
   */
  liveTokens(batchSize: number): AsyncIterable<TokenView[]>;
  /** Every token counted once, by its effective status at `now`. */
  countByStatus(now: Date): Promise<TokenStatusCounts>;
}

/** The write side of the read model: applies the log, idempotently, and remembers how far. */
export interface TokenProjection {
  apply(event: RecordedEvent): Promise<void>;
  /** Applies consecutive events as `apply` would one by one, all or none (optional, faster). */
  applyBatch?(events: readonly RecordedEvent[]): Promise<void>;
  checkpoint(): Promise<LogPosition | null>;
}

export const TOKEN_READ_MODEL = Symbol('TokenReadModel');
export const TOKEN_PROJECTION = Symbol('TokenProjection');
