/** Why a request's X-API-Token was not accepted; the `code` of the 401 problem. */
export type TokenRefusal =
  | 'token_missing'
  | 'token_malformed'
  | 'token_invalid'
  | 'token_revoked'
  | 'token_suspended'
  | 'token_rotated'
  | 'token_expired';

export const TOKEN_REFUSAL_DETAIL: Readonly<Record<TokenRefusal, string>> = {
  token_missing: 'Send a personal access token in the X-API-Token header',
  token_malformed: 'The X-API-Token header does not hold a well-formed token',
  token_invalid: 'The token is not known',
  token_revoked: 'The token has been revoked',
  token_suspended: 'The token is suspended; its owner can reactivate it',
  token_rotated: 'The token has been replaced by a rotation; use its successor',
  token_expired: 'The token has expired',
};

export const TOKEN_REFUSALS = Object.keys(TOKEN_REFUSAL_DETAIL) as TokenRefusal[];

/**
 * Why a token check refused, as the check knows it: a refusal code, or `lifetime_policy` for a
 * token that lives longer than the lifetime policy now allows, answered as `token_expired` with
 * a detail of its own.
 */
export type TokenRefusalReason = TokenRefusal | 'lifetime_policy';

export const LIFETIME_POLICY_DETAIL =
  'The token lives longer than the lifetime policy now allows (TOKEN_MAX_LIFETIME_DAYS); generate a new one';

export const refusalCode = (reason: TokenRefusalReason): TokenRefusal =>
  reason === 'lifetime_policy' ? 'token_expired' : reason;

export const refusalDetail = (reason: TokenRefusalReason): string =>
  reason === 'lifetime_policy' ? LIFETIME_POLICY_DETAIL : TOKEN_REFUSAL_DETAIL[reason];

export function isTokenRefusal(candidate: unknown): candidate is TokenRefusal {
  return typeof candidate === 'string' && Object.hasOwn(TOKEN_REFUSAL_DETAIL, candidate);
}

export const INSUFFICIENT_SCOPE = 'insufficient_scope';
export const STORE_UNAVAILABLE = 'store_unavailable';
export const STORE_UNAVAILABLE_DETAIL = 'The token store cannot be reached; try again shortly';
