import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { startApi, type ApiHarness } from './support/api-harness';
import { listeningPort, rawExchange } from './support/raw-http';

/** What every answer carries, whatever it answers. */
const EVERY_ANSWER = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

describe('security headers', () => {
  let api: ApiHarness;
  let port: number;

  beforeAll(async () => {
    api = await startApi();
    port = await listeningPort(api.app.getHttpServer());
  });
  afterAll(() => api.close());

  it.each([
    ['a success', '/health/live', 200],
    ['a refused token', '/api/v1/whoami', 401],
    ['an unknown path', '/api/v1/nothing-here', 404],
    ['the OpenAPI document', '/api/docs-json', 200],
  ])('on %s', async (_answer, path, status) => {
    const response = await api.http.get(path).expect(status);
    expect(response.headers).toMatchObject(EVERY_ANSWER);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('on a valid token check', async () => {
    const jwt = await api.userJwt('headers');
    const created = await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name: 'h' });
    const response = await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token).expect(200);
    expect(response.headers).toMatchObject(EVERY_ANSWER);
  });

  it('on a malformed token refused at the door', async () => {
    const token = new TokenFormat('pat').generate(randomBytes).slice(0, -1);
    const response = await api.http.get('/api/v1/whoami').set('X-API-Token', `${token}x`).expect(401);
    expect(response.headers).toMatchObject(EVERY_ANSWER);
  });

  it.each([
    ['a URL with a broken percent-encoding', 'GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
    ['a request Node cannot parse', 'GET /a b HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
    ['an HTTP/1.1 request without Host', 'GET /api/v1/whoami HTTP/1.1\r\n\r\n', 400],
  ])('on %s, answered before any route', async (_answer, request, status) => {
    const answer = await rawExchange(port, request);
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatchObject(EVERY_ANSWER);
  });

  describe('the docs page', () => {
    let page: { html: string; csp: string };

    beforeAll(async () => {
      const response = await api.http.get('/api/docs').expect(200);
      page = { html: response.text, csp: String(response.headers['content-security-policy']) };
    });

    const directive = (name: string): string[] =>
      page.csp
        .split(';')
        .map((entry) => entry.trim().split(/\s+/))
        .find(([directiveName]) => directiveName === name)
        ?.slice(1) ?? [];

    it('allows scripts from this origin only, and no inline script, eval or framing', async () => {
      const response = await api.http.get('/api/docs/').expect(200);
      expect(response.headers['content-security-policy']).toBe(page.csp);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(directive('default-src')).toEqual(["'none'"]);
      expect(directive('script-src')).toEqual(["'self'"]);
      expect(directive('frame-ancestors')).toEqual(["'none'"]);
      expect(directive('base-uri')).toEqual(["'none'"]);
    });

    it('loads every script and style sheet it names from this origin, and has no inline script', () => {
      const scripts = [...page.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect(attributes).toMatch(/\bsrc=["']\.\/[\w./-]+["']/);
        expect(content.trim()).toBe('');
      }
      const links = [...page.html.matchAll(/<link\b[^>]*\bhref=["']([^"']+)["']/gi)].map(([, href]) => href);
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(href).toMatch(/^\.\/[\w./-]+$/);
      expect(page.html).not.toMatch(/\bon[a-z]+=["']/i);
    });

    it('serves each script it names', async () => {
      for (const [, src] of page.html.matchAll(/<script\b[^>]*\bsrc=["']\.\/([\w./-]+)["']/gi)) {
        const script = await api.http.get(`/api/docs/${src}`).expect(200);
        expect(script.headers['content-type']).toMatch(/javascript/);
      }
    });
  });
});

describe('Strict-Transport-Security', () => {
  const viaProxy = (api: ApiHarness, proto: string) =>
    api.http.get('/health/live').set('X-Forwarded-Proto', proto).expect(200);

  it('is sent when a trusted proxy says the request came over HTTPS, and only then', async () => {
    const api = await startApi({ env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      expect((await viaProxy(api, 'https')).headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect((await viaProxy(api, 'http')).headers['strict-transport-security']).toBeUndefined();
      const direct = await api.http.get('/health/live').expect(200);
      expect(direct.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('is never sent on the word of a proxy that is not trusted', async () => {
    const api = await startApi();
    try {
      expect((await viaProxy(api, 'https')).headers['strict-transport-security']).toBeUndefined();
    } finally {
      await api.close();
    }
  });
});
