import { createHash, randomBytes } from 'node:crypto';

const SESSION_ID_BYTES = 32;
/** A session id as the cookie carries it: 32 random bytes, base64url without padding. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(): string {
  return randomBytes(SESSION_ID_BYTES).toString('base64url');
}

export function isSessionId(candidate: string): boolean {
  return SESSION_ID.test(candidate);
}

/** What the store keeps instead of the id: a copy of the store signs nobody in. */
export function sessionIdDigest(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

/**
 * The session's CSRF token: derived from the session id, which only the browser holding the
 * cookie knows, so another site's page can neither read nor guess it.
 */
export function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update(`csrf:${sessionId}`).digest('base64url');
}
