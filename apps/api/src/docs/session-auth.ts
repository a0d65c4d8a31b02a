import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { CSRF_HEADER } from '../sessions/session-csrf';
import { documentedCodes, problemResponse } from './problem-response';

export const USER_JWT_SCHEME = 'user-jwt';
export const SESSION_SCHEME = 'session';
const UNSAFE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
const METHODS = ['get', 'head', 'options', ...UNSAFE_METHODS] as const;

export const SESSION_SCHEME_DESCRIPTION =
  `The token page's sign-in: an HttpOnly cookie \`${SESSION_COOKIE}\`. A request with it that changes anything ` +
  `must come from the page's own origin (Origin) and carry the session's \`${CSRF_HEADER}\` header ` +
  '(`csrfToken` of GET /api/v1/session); otherwise 403 `csrf_failed`.';

/**
 * Every operation that takes a user JWT also takes the token page's session cookie, and those
 * that change anything can then be refused 403 `csrf_failed`.
 */
export function documentSessionAuth(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation?.security?.some((requirement) => USER_JWT_SCHEME in requirement)) continue;
      operation.security = [...operation.security, { [SESSION_SCHEME]: [] }];
      if (!(UNSAFE_METHODS as readonly string[]).includes(method)) continue;
      const existing = operation.responses[403] as ResponseObject | undefined;
      operation.responses[403] = problemResponse(403, [
        ...new Set([...(existing ? documentedCodes(existing) : []), 'csrf_failed' as const]),
      ]);
    }
  }
}
