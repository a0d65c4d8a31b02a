export interface TokenUse {
  tokenId: string;
  usedAt: Date;
}

/**
 * When each token was last accepted. Kept outside the event log (a use is not a lifecycle
 * change) and written in batches, off the auth path; the later time always wins.
 */
export interface TokenUsageStore {
  record(uses: readonly TokenUse[]): Promise<void>;
  /** The last recorded use of each of the given tokens that has one. */
  lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>>;
  close(): Promise<void>;
}

export const TOKEN_USAGE_STORE = Symbol('TokenUsageStore');
