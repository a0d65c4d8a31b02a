import type { TokenProjection } from './token-read-model.port';

/** A token with a notice due: its schedule's next due time has come. */
export interface DueNoticeToken {
  tokenId: string;
  nextDueAt: Date;
}

/**
 * The notices still to send, derived from the log (TokenGenerated schedules one per threshold;
 * a revoke or an expiry cancels them; ExpiryNoticeSent removes the notice sent and looser ones).
 *
 * `apply` is idempotent per stream (event N only over revision N−1) and moves the checkpoint
 * only forward, so several notifier processes may apply the same log to one store. Applying
 * an ExpiryNoticeSent also queues its delivery (see NoticeDeliveryQueue), unless the claim is
 * older than the store itself: then another store, since deleted, delivered it.
 */
export interface NoticeSchedule extends TokenProjection {
  /** The earliest due time of a notice pending for a token not yet expired at `now`. */
  nextDueAt(now: Date): Promise<Date | null>;
  /** Up to `limit` tokens not yet expired at `now` with a notice due by then, longest due first. */
  due(now: Date, limit: number): Promise<DueNoticeToken[]>;
  /** How many notices are pending for tokens not yet expired at `now`. */
  pendingCount(now: Date): Promise<number>;
  /** Forgets tokens that expired before `expiredBefore`: nothing is ever sent for them again. */
  prune(expiredBefore: Date): Promise<void>;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const NOTICE_SCHEDULE = Symbol('NoticeSchedule');
