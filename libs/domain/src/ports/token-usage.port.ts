/** Where a token was used from: the client's address (as TRUST_PROXY reads it) and its User-Agent. */
export interface ClientUse {
  address: string;
  userAgent: string | null;
  usedAt: Date;
}

export interface TokenUse {
  tokenId: string;
  usedAt: Date;
  /** The distinct clients seen since the last write, each with its last time. */
  clients?: readonly ClientUse[];
}

/** How many distinct clients an item shows, newest first, as GitLab shows a token's last addresses. */
export const RECENT_CLIENTS = 5;
/** A client not seen for this long is forgotten. */
export const CLIENT_USE_KEPT_MS = 90 * 24 * 60 * 60 * 1000;
/** The longest User-Agent kept; the rest is cut (the header is the client's to fill). */
export const USER_AGENT_MAX_LENGTH = 200;

/**
 * When each token was last accepted, and from where. Kept outside the event log (a use is not a
 * lifecycle change) and written in batches, off the auth path; the later time always wins.
 */
export interface TokenUsageStore {
  record(uses: readonly TokenUse[]): Promise<void>;
  /** The last recorded use of each of the given tokens that has one. */
  lastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>>;
  /** The RECENT_CLIENTS latest distinct clients of each of the given tokens, for those seen from one, newest first. */
  recentClients(tokenIds: readonly string[]): Promise<Map<string, ClientUse[]>>;
  close(): Promise<void>;
}

export const TOKEN_USAGE_STORE = Symbol('TokenUsageStore');

/** Newest first, one entry per distinct client, at most RECENT_CLIENTS. */
export function newestClients(uses: Iterable<ClientUse>): ClientUse[] {
  const latest = new Map<string, ClientUse>();
  for (const use of uses) {
    const key = `${use.address}\n${use.userAgent ?? ''}`;
    const known = latest.get(key);
    if (known === undefined || known.usedAt.getTime() < use.usedAt.getTime()) latest.set(key, use);
  }
  return [...latest.values()].sort((a, b) => b.usedAt.getTime() - a.usedAt.getTime()).slice(0, RECENT_CLIENTS);
}
