import { startApi, type ApiHarness } from './support/api-harness';

describe('the token page, served by the API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it.each(['/', '/sign-in', '/settings/tokens', '/settings/audit'])(
    'answers %s with the page under a strict CSP, revalidated on every visit',
    async (path) => {
      const page = await api.http.get(path).expect(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(page.text).not.toMatch(/https?:\/\//);
    },
  );

  it('serves its scripts and styles from this origin as immutable files', async () => {
    const page = await api.http.get('/').expect(200);
    const assets = [...page.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const file = await api.http.get(asset).expect(200);
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(file.headers['content-type']).toMatch(/^(text\/javascript|application\/javascript|text\/css)/);
    }
    const missing = await api.http.get('/assets/nothing-here.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('never shadows the API, the health checks or the metrics', async () => {
    const unknown = await api.http.get('/api/v1/no-such-thing').set('Accept', 'text/html').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    await api.http.get('/health/live').expect(200).expect('content-type', /json/);
    await api.http
      .get('/metrics')
      .expect(200)
      .expect('content-type', /text\/plain/);
    const elsewhere = await api.http.get('/wp-login.php').set('Accept', 'text/html').expect(404);
    expect(elsewhere.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
