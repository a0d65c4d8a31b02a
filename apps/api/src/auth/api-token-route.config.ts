/**
 * What kind of token-holder route a request is on, as `@ApiTokenRoute()` records it in the
 * Fastify route config. A forward-auth route is asked by a gateway (nginx `auth_request`,
 * Traefik `forwardAuth`) and must answer only 2xx, 401 or 403: nginx turns anything else into
 * a 500 for the client.
 */
export type ApiTokenRouteKind = 'token-holder' | 'forward-auth';

/** Route config key set by `@ApiTokenRoute()`. */
export const API_TOKEN_ROUTE = 'apiTokenRoute';

export function apiTokenRouteKind(config: unknown): ApiTokenRouteKind | null {
  const kind = (config as Record<string, unknown> | undefined)?.[API_TOKEN_ROUTE];
  return kind === 'token-holder' || kind === 'forward-auth' ? kind : null;
}

/** The status of a refusal the throttle answers for (code `too_many_requests`, with Retry-After). */
export const THROTTLED_STATUS: Readonly<Record<ApiTokenRouteKind, 401 | 429>> = {
  'token-holder': 429,
  'forward-auth': 401,
};
