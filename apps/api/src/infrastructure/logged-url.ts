/** The sign-in's return from the provider: its query carries a one-time code and the state, logged by nobody. */
export const OIDC_CALLBACK_PATH = '/api/v1/session/oidc/callback';

function withoutQuery(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : `${url.slice(0, query)}?[redacted]`;
}

/** What a log line takes from a request's URL, at most. */
export const LOGGED_URL_MAX_LENGTH = 2048;
export const URL_CUT_MARK = '…[cut]';

/** A character that can be part of a token or a JWT segment: base64url. */
const isSecretCharacter = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 95;

/**
 * The URL as a log line shows it: whole up to LOGGED_URL_MAX_LENGTH characters, else cut and
 * marked as cut. A cut never ends inside a run of base64url characters: it backs off to the
 * run's start, so that no piece of a token too short to be recognised (and redacted) as one
 * is left at the end of the line.
 */
export function loggedUrl(url: string): string {
  if (url.startsWith(OIDC_CALLBACK_PATH)) return withoutQuery(url);
  if (url.length <= LOGGED_URL_MAX_LENGTH) return url;
  let end = LOGGED_URL_MAX_LENGTH;
  if (isSecretCharacter(url.charCodeAt(end))) {
    while (end > 0 && isSecretCharacter(url.charCodeAt(end - 1))) end--;
  }
  return `${url.slice(0, end)}${URL_CUT_MARK}`;
}
