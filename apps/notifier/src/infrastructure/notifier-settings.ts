/** The notifier's timings. Not configuration: tests shorten them, operators need not. */
export interface NotifierSettings {
  /** The longest sleep between two passes, whatever the schedule says. */
  safetyScanMs: number;
  /** The sleep after a pass that could do nothing about what is due (or failed), instead of spinning. */
  idleRetryMs: number;
  /** How long a delivery is held by one process without renewal before another may take it over. */
  leaseMs: number;
  /** Delay before the second attempt; each later one waits `retryFactor` times longer. */
  firstRetryDelayMs: number;
  retryFactor: number;
  /** Attempts before a notice counts as failed (ExpiryNoticeFailed). */
  maxAttempts: number;
  /** Bounds each wait on an SMTP server or a webhook receiver. */
  channelTimeoutMs: number;
  /** Tokens due in one pass of claims, deliveries leased at once. */
  claimBatch: number;
  deliveryBatch: number;
  /** How long a claim may wait for the schedule to show it before the pass moves on. */
  followerWaitMs: number;
  /** How often tokens long expired are forgotten, and how long after their expiry. */
  pruneEveryMs: number;
  pruneAfterExpiryMs: number;
}

export const DEFAULT_NOTIFIER_SETTINGS: NotifierSettings = {
  safetyScanMs: 30_000,
  idleRetryMs: 1_000,
  leaseMs: 30_000,
  firstRetryDelayMs: 2_000,
  retryFactor: 4,
  maxAttempts: 5,
  channelTimeoutMs: 10_000,
  claimBatch: 100,
  deliveryBatch: 20,
  followerWaitMs: 5_000,
  pruneEveryMs: 10 * 60_000,
  pruneAfterExpiryMs: 24 * 60 * 60_000,
};
