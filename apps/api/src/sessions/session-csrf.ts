import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { ApiProblem } from '../http/api-problem.exception';
import { csrfTokenOf } from './session-id';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

const CROSS_ORIGIN = new ApiProblem(
  'csrf_failed',
  'A request signed in by the session cookie must come from the token page itself (Origin)',
);
const NO_CSRF_TOKEN = new ApiProblem(
  'csrf_failed',
  `A request signed in by the session cookie that changes anything must carry the session's ${CSRF_HEADER} header`,
);

/**
 * Whether a request may act on the session cookie it came with: anything may read, but a
 * request that changes something must come from this service's own page, which a browser
 * says in Origin, and must carry the session's CSRF token, which only that page can read.
 */
export function csrfRefusal(request: FastifyRequest, sessionId: string, appOrigin: string): ApiProblem | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const originRefusal = crossOriginRefusal(request, appOrigin);
  if (originRefusal !== null) return originRefusal;
  const sent = singleHeader(request.headers[CSRF_HEADER]);
  return sent !== undefined && sameText(sent, csrfTokenOf(sessionId)) ? null : NO_CSRF_TOKEN;
}

/** For sign-in, which has no session yet: the request must still come from this service's page. */
export function crossOriginRefusal(request: FastifyRequest, appOrigin: string): ApiProblem | null {
  const origin = singleHeader(request.headers.origin);
  if (origin === undefined) return CROSS_ORIGIN;
  return origin === appOrigin || origin === `${request.protocol}://${request.host}` ? null : CROSS_ORIGIN;
}

function sameText(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A header sent once; sent twice, it counts as not sent. */
function singleHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
