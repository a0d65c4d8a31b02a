import { startApi, type ApiHarness } from './support/api-harness';
import { freePort } from './support/api-process';
import { startOidcProvider, type OidcTestProvider } from './support/oidc-provider';

const APP_URL = 'http://localhost:3000';
const CALLBACK = '/api/v1/session/oidc/callback';

function cookieLine(setCookie: string[] | string | undefined, name: string): string | undefined {
  return [setCookie ?? []].flat().find((line) => line.startsWith(`${name}=`));
}

function cookieValue(line: string | undefined): string {
  return (line ?? '').split(';')[0].split('=').slice(1).join('=');
}

describe('the sign-in through an OpenID Connect provider (oidc-provider in its own process)', () => {
  let provider: OidcTestProvider;
  let api: ApiHarness;

  beforeAll(async () => {
    provider = await startOidcProvider(`${APP_URL}${CALLBACK}`, { ada: { email: 'ada@example.com' } });
    api = await startApi({ env: { APP_URL, ...provider.env } });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.stop();
  });

  const start = () => api.http.get('/api/v1/session/oidc/start').expect(302);

  it('offers the provider, and no local sign-in, once a provider is configured', async () => {
    const options = await api.http.get('/api/v1/session/options').expect(200);
    expect(options.body.signIn).toEqual({ local: false, oidc: true });
    const local = await api.http.post('/api/v1/session/local').set('Origin', APP_URL).send({ userId: 'mallory' });
    expect([local.status, local.body.code]).toEqual([404, 'not_found']);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, which the provider accepts', async () => {
    const answer = await start();
    const location = new URL(answer.headers.location);
    expect(`${location.origin}`).toBe(provider.issuer);
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: `${APP_URL}${CALLBACK}`,
      code_challenge_method: 'S256',
    });
    expect(query.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
    for (const value of [query.code_challenge, query.state, query.nonce]) expect(value).toMatch(/^[\w-]{43}$/);
    expect(answer.headers['cache-control']).toBe('no-store');

    const transaction = cookieLine(answer.headers['set-cookie'], 'pat_oidc') ?? '';
    expect(transaction.split('; ')).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/api/v1/session/oidc', 'Max-Age=600']),
    );

    const atProvider = await fetch(location, { redirect: 'manual' });
    expect(atProvider.status).toBe(303);
    expect(atProvider.headers.get('location')).toMatch(/\/interaction\//);
  });

  it('sends a return without its transaction cookie, or with a forged one, back to the sign-in', async () => {
    const bare = await api.http.get(`${CALLBACK}?code=abc&state=xyz`).expect(302);
    expect(bare.headers.location).toBe('/sign-in?error=sign_in_expired');
    expect(cookieLine(bare.headers['set-cookie'], 'pat_session')).toBeUndefined();

    const sent = cookieValue(cookieLine((await start()).headers['set-cookie'], 'pat_oidc'));
    const [payload, signature] = sent.split('.');
    const forged = Buffer.from(JSON.stringify({ state: 'xyz', nonce: 'n', codeVerifier: 'v', issuedAt: Date.now() }));
    for (const value of [`${forged.toString('base64url')}.${signature}`, `${payload}.${signature.slice(1)}`, 'junk']) {
      const answer = await api.http.get(`${CALLBACK}?code=abc&state=xyz`).set('Cookie', `pat_oidc=${value}`);
      expect([answer.status, answer.headers.location]).toEqual([302, '/sign-in?error=sign_in_expired']);
    }
  });

  it('refuses a return whose state is not the one it sent, and one the provider reports as refused', async () => {
    const started = await start();
    const cookie = `pat_oidc=${cookieValue(cookieLine(started.headers['set-cookie'], 'pat_oidc'))}`;
    const { state } = Object.fromEntries(new URL(started.headers.location).searchParams);
    const returns = [
      `code=abc&state=not-${state}&iss=${encodeURIComponent(provider.issuer)}`,
      `error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`,
      `code=not-a-code&state=${state}&iss=${encodeURIComponent(provider.issuer)}`,
    ];
    for (const query of returns) {
      const answer = await api.http.get(`${CALLBACK}?${query}`).set('Cookie', cookie);
      expect([answer.status, answer.headers.location]).toEqual([302, '/sign-in?error=sign_in_failed']);
      expect(cookieLine(answer.headers['set-cookie'], 'pat_session')).toBeUndefined();
    }
  });

  it('names the provider as unreachable while it is down, and signs in through it once it is up', async () => {
    const port = await freePort();
    const later = await startApi({ env: { APP_URL, ...provider.env, AUTH_OIDC_ISSUER: `http://localhost:${port}` } });
    let lateProvider: OidcTestProvider | undefined;
    try {
      const whileDown = await later.http.get('/api/v1/session/oidc/start').expect(302);
      expect(whileDown.headers.location).toBe('/sign-in?error=provider_unavailable');
      lateProvider = await startOidcProvider(`${APP_URL}${CALLBACK}`, {}, port);
      const onceUp = await later.http.get('/api/v1/session/oidc/start').expect(302);
      expect(new URL(onceUp.headers.location).origin).toBe(lateProvider.issuer);
    } finally {
      await later.close();
      await lateProvider?.stop();
    }
  });
});

describe('the sign-in routes without a provider', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers 404 not_found', async () => {
    for (const path of ['/api/v1/session/oidc/start', CALLBACK]) {
      const answer = await api.http.get(path).expect(404);
      expect(answer.body.code).toBe('not_found');
    }
  });
});
