/**
 * Every `code` the API answers with, and the status it goes with. An `ApiProblem` can carry
 * no other code, so this table is the whole list: the OpenAPI document's enum is made from it.
 */
export const PROBLEM_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_url: 400,
  malformed_request: 400,
  auth_required: 401,
  auth_invalid: 401,
  token_missing: 401,
  token_malformed: 401,
  token_invalid: 401,
  token_revoked: 401,
  token_suspended: 401,
  token_rotated: 401,
  token_expired: 401,
  forbidden: 403,
  csrf_failed: 403,
  insufficient_scope: 403,
  token_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  token_limit_reached: 409,
  token_not_active: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  too_many_requests: 429,
  token_rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  store_unavailable: 503,
} as const satisfies Record<string, number>;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as ProblemCode[];

export function isProblemCode(candidate: string): candidate is ProblemCode {
  return Object.hasOwn(PROBLEM_STATUS, candidate);
}

/**
 * Codes that are also answered under a second status: the refusal throttle's answer and a
 * token's rate limit on the forward-auth route are a 401, since a gateway's `auth_request` accepts nothing but 2xx, 401, 403.
 */
const ALSO_ANSWERED_AS: Partial<Record<ProblemCode, readonly number[]>> = {
  too_many_requests: [401],
  token_rate_limited: [401],
};

export function isAnsweredAs(code: ProblemCode, status: number): boolean {
  return PROBLEM_STATUS[code] === status || (ALSO_ANSWERED_AS[code]?.includes(status) ?? false);
}
