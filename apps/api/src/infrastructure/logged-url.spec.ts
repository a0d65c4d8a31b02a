import { SecretRedactor, TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { LOGGED_URL_MAX_LENGTH, loggedUrl, URL_CUT_MARK } from './logged-url';

describe('loggedUrl', () => {
  const token = new TokenFormat('pat').generate(randomBytes);

  it('keeps a URL up to the limit whole', () => {
    const url = `/api/v1/tokens?status=${'a'.repeat(LOGGED_URL_MAX_LENGTH - 22)}`;
    expect(url).toHaveLength(LOGGED_URL_MAX_LENGTH);
    expect(loggedUrl(url)).toBe(url);
  });

  it('cuts a longer URL at the limit and marks the cut', () => {
    const url = `/api/v1/${'a/'.repeat(10_000)}`;
    const logged = loggedUrl(url);
    expect(logged).toBe(`${url.slice(0, LOGGED_URL_MAX_LENGTH)}${URL_CUT_MARK}`);
  });

  it('drops the whole word the limit falls in, so no piece of a token is left', () => {
    const before = `/api/v1/whoami?q=${'x/'.repeat((LOGGED_URL_MAX_LENGTH - 37) / 2)}`;
    const url = `${before}${token}&more=${'y'.repeat(100)}`;
    expect(url.slice(0, LOGGED_URL_MAX_LENGTH)).toContain(token.slice(0, 20));
    const logged = loggedUrl(url);
    expect(logged).toBe(`${before}${URL_CUT_MARK}`);
    expect(new SecretRedactor('pat').redact(logged)).toBe(logged);
  });

  it('cuts a URL that is one long word down to the mark alone', () => {
    expect(loggedUrl('eyJ'.repeat(5000))).toBe(URL_CUT_MARK);
  });
});

describe('loggedUrl of the sign-in callback', () => {
  it("keeps the provider's code and state out of the line", () => {
    expect(loggedUrl('/api/v1/session/oidc/callback?code=abc123&state=xyz&iss=http%3A%2F%2Fidp')).toBe(
      '/api/v1/session/oidc/callback?[redacted]',
    );
    expect(loggedUrl('/api/v1/session/oidc/callback')).toBe('/api/v1/session/oidc/callback');
  });
});
