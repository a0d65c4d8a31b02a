import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'pat_session';

/** The session id a request's cookie carries, if any (cookies are read here only, not on every request). */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  return request.server.parseCookie(header)[SESSION_COOKIE];
}

/**
 * Gives the browser its session cookie: never readable by the page's scripts, never sent with
 * another site's requests, and only over https when the service is served over https. An
 * empty id with a past expiry clears it.
 */
export function setSessionCookie(reply: FastifyReply, sessionId: string, expires: Date, secure: boolean): void {
  const options = { httpOnly: true, sameSite: 'strict', secure, path: '/', expires } as const;
  void reply.header('set-cookie', reply.server.serializeCookie(SESSION_COOKIE, sessionId, options));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  setSessionCookie(reply, '', new Date(0), secure);
}
