/** Who a signed-in browser is: the identity a user JWT carries, as the sign-in found it. */
export interface WebSessionUser {
  userId: string;
  /** A verified address, or null. */
  email: string | null;
  roles: readonly string[];
}

/**
 * The token page's sign-in, kept on the server. The browser holds only a random session id in
 * an HttpOnly cookie; the store holds only that id's digest, so a copy of the store signs
 * nobody in.
 */
export interface WebSession {
  idDigest: string;
  user: WebSessionUser;
  createdAt: Date;
  /** The session is over from this moment on, whatever happens in between. */
  expiresAt: Date;
}

/** Sessions shared by every API process of a deployment, so any of them answers a signed-in page. */
export interface WebSessionStore {
  /** Keeps a new session; saving the same digest again replaces it. */
  save(session: WebSession): Promise<void>;
  /** The session of this digest while it lasts: null when there is none or it is over at `now`. */
  find(idDigest: string, now: Date): Promise<WebSession | null>;
  /** Ends a session (sign-out); ending one that does not exist is not an error. */
  end(idDigest: string): Promise<void>;
  /** Forgets every session over at `now`, and says how many there were. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}

export const WEB_SESSION_STORE = Symbol('WebSessionStore');
