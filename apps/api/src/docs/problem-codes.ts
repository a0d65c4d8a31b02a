import { TOKEN_LIMIT_REACHED, TOKEN_NOT_ACTIVE } from '@pat/domain';
import { TOKEN_REFUSALS, type TokenRefusal } from '@pat/nest-guard/core';
import type { ProblemCode } from '../http/problem-catalog';

/** The `code`s an endpoint answering with a status can carry, unless it names its own. */
export const PROBLEM_CODES: Readonly<Record<number, readonly ProblemCode[]>> = {
  400: ['validation_failed'],
  401: ['auth_required', 'auth_invalid'],
  403: ['forbidden'],
  404: ['token_not_found'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['too_many_requests'],
  503: ['store_unavailable'],
};

/** A generate refused because the user has as many active tokens as `TOKEN_MAX_ACTIVE_PER_USER` allows. */
export const GENERATE_409_CODES = [TOKEN_LIMIT_REACHED] as const;

/** A change (rename, suspend, reactivate) of a token that is revoked or expired. */
export const TOKEN_CHANGE_409_CODES = [TOKEN_NOT_ACTIVE] as const;

/** A JSON body is parsed before the guards run, so a broken one is refused first. */
export const JSON_BODY_400_CODES: readonly ProblemCode[] = ['validation_failed', 'invalid_json'];

export const TOKEN_REFUSAL_CODES: readonly TokenRefusal[] = TOKEN_REFUSALS;

/**
 * What any request can be answered before it reaches a route: a URL that is not one, a request
 * Node's HTTP parser refuses (bad characters, broken framing) and a request line with headers
 * over Node's limit. Every operation of the document lists them.
 */
export const EARLY_PROBLEM_CODES: readonly ProblemCode[] = ['invalid_url', 'malformed_request', 'headers_too_large'];
