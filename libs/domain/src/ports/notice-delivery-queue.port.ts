/** Identifies a notice: one per token and threshold, and one revocation notice per token. */
export interface NoticeKey {
  tokenId: string;
  /** The expiry notice's threshold, or REVOCATION_NOTICE_KEY. */
  thresholdDays: number;
}

/** The `thresholdDays` of a token's revocation notice: thresholds are at least 1 day, and a token is revoked once. */
export const REVOCATION_NOTICE_KEY = 0;

export const isRevocationNotice = (key: NoticeKey): boolean => key.thresholdDays === REVOCATION_NOTICE_KEY;

/** A claimed notice (an ExpiryNoticeSent or a RevocationNoticeSent in the log) on its way to its channels. */
export interface NoticeDelivery extends NoticeKey {
  /** The id of the claim's event: stable, so receivers can drop a repeated delivery. */
  noticeId: string;
  /** The `channel` the claim recorded, e.g. `outbox+webhook`. */
  channel: string;
  claimedAt: Date;
  /** Failed attempts so far. */
  attempts: number;
  /** Channels that already accepted this notice; a retry skips them. */
  delivered: readonly string[];
  lastError: string | null;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'dropped';

/**
 * The deliveries owed, queued by NoticeSchedule.apply from the claims in the log. A delivery
 * is leased to one notifier process at a time; a lease that is not renewed runs out, and
 * then any process may take the delivery over. Every write checks the lease, so a process
 * that lost its lease changes nothing (and learns so from the `false` it gets back).
 */
export interface NoticeDeliveryQueue {
  /** Leases up to `limit` deliveries ready at `now` (not leased, or whose lease ran out) to `owner`. */
  lease(owner: string, now: Date, leaseMs: number, limit: number): Promise<NoticeDelivery[]>;
  /** Extends every lease `owner` holds until `until`. */
  renew(owner: string, until: Date): Promise<void>;
  /** Records that `channel` accepted the notice. */
  recordDelivered(key: NoticeKey, owner: string, channel: string): Promise<boolean>;
  /** Gives a failed attempt back, to be tried again from `retryAt`. */
  retryLater(key: NoticeKey, owner: string, attempts: number, retryAt: Date, error: string): Promise<boolean>;
  /** Ends the delivery; it is kept (so a replay of its claim queues nothing) until pruned. */
  complete(key: NoticeKey, owner: string, outcome: DeliveryOutcome, at: Date): Promise<boolean>;
  /** When the next queued delivery becomes ready (now, a retry time or a lease's end), or null. */
  nextReadyAt(): Promise<Date | null>;
  /** Who holds leases right now. */
  holders(): Promise<string[]>;
  /** Ends the leases of a holder known to be gone, so that its deliveries are taken over at once. */
  releaseHeldBy(owner: string): Promise<number>;
  /** How many deliveries are queued and not yet completed. */
  queuedCount(): Promise<number>;
  close(): Promise<void>;
}

export const NOTICE_DELIVERY_QUEUE = Symbol('NoticeDeliveryQueue');
