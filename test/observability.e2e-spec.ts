import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { URL_CUT_MARK } from '../apps/api/src/infrastructure/logged-url';
import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

const JWT_SHAPED = /eyJ[\w-]+\.[\w-]+/;
/** 15 KB of what made the JWT pattern of the redactor quadratic. */
const HOSTILE_URL = `/no/such?pad=${'eyJ'.repeat(5000)}`;

/** One sample of a Prometheus text exposition, or undefined when the series is absent. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  for (const line of metrics.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

interface LogLine {
  msg?: string;
  correlationId?: string;
  url?: string;
}

const parsed = (line: string): LogLine | null => {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return null;
  }
};

/**
 * Needs `npm run build`. The operator's view of a running API process: auth outcomes,
 * request latency by route, projection lag and tokens by status on /metrics, and request
 * logs that carry the correlation id but never a token or a JWT.
 */
describe('metrics and logs of a running API', () => {
  const data = tempDataDir('pat-observability');
  const VALID = 7;
  const UNKNOWN = 4;
  const MALFORMED = 3;
  const REVOKED = 2;
  const MISSING = 2;
  let stores: TestStores;
  let api: ApiProcess;
  let jwt: string;
  let adminJwt: string;
  const issued: { id: string; token: string }[] = [];
  const presented: string[] = [];
  let metrics: string;
  /** From before the first write to after the scrape: no event followed live can lag by more. */
  let lagWindowSeconds: number;

  beforeAll(async () => {
    stores = await testStores(data.path);
    api = await startProcess('api', { ...stores.env, LOG_LEVEL: 'info' });
    const secret = userJwtSecret(stores.env);
    jwt = await signUserJwt(secret, { sub: 'olive', email: 'olive@example.com' });
    adminJwt = await signUserJwt(secret, { sub: 'root', roles: ['admin'] });
    const client = httpClient(api.url);
    const writesStartedAt = Date.now();

    for (const name of ['first', 'second', 'revoked']) {
      const created = await client.post('/api/v1/tokens', { name }, bearer(jwt));
      expect(created.status).toBe(201);
      issued.push({ id: String(created.body.id), token: String(created.body.token) });
    }
    const [first, second, revoked] = issued;
    expect((await client.delete(`/api/v1/tokens/${revoked.id}`, bearer(jwt))).status).toBe(204);

    const expectRefusal = async (headers: Record<string, string>, code: string, path = '/api/v1/whoami') => {
      const response = await client.get(path, headers);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code });
    };
    for (let i = 0; i < VALID; i++) {
      const response = await client.get('/api/v1/whoami', apiToken(i % 2 ? second.token : first.token));
      expect(response.status).toBe(200);
    }
    const format = new TokenFormat('pat');
    for (let i = 0; i < UNKNOWN; i++) {
      const unknown = format.generate(randomBytes);
      presented.push(unknown);
      await expectRefusal(apiToken(unknown), 'token_invalid');
    }
    const malformed = [`${first.token.slice(0, -1)}${first.token.endsWith('x') ? 'y' : 'x'}`, 'pat_short', jwt];
    expect(malformed).toHaveLength(MALFORMED);
    for (const candidate of malformed) await expectRefusal(apiToken(candidate), 'token_malformed');
    for (let i = 0; i < REVOKED; i++)
      await expectRefusal(apiToken(revoked.token), 'token_revoked', '/api/v1/auth/verify');
    await expectRefusal({}, 'token_missing');
    await expectRefusal({}, 'token_missing', `/api/v1/auth/verify?token=${second.token}&jwt=${adminJwt}`);

    expect((await client.get(`/api/v1/tokens/${first.token}?x=${jwt}`, bearer(jwt))).status).toBe(404);
    expect((await client.get(`/no/such/${second.token}?jwt=${adminJwt}`)).status).toBe(404);
    expect((await client.get('/api/v1/tokens', { ...bearer(jwt), 'x-request-id': 'abc' })).status).toBe(200);
    expect((await client.delete(HOSTILE_URL)).status).toBe(404);
    const cutThrough = format.generate(randomBytes);
    presented.push(cutThrough);
    expect((await client.delete(`/no/such?q=${'a/'.repeat(1015)}${cutThrough}`)).status).toBe(404);

    metrics = (await client.get('/metrics')).text;
    lagWindowSeconds = (Date.now() - writesStartedAt) / 1000;
    const logged = () => Promise.resolve(api.output.some((line) => parsed(line)?.correlationId === 'abc'));
    // Lines reach this process through a pipe; if this one never comes, the tests below say so.
    await eventually(logged).catch(() => undefined);
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await stores?.stop();
    data.remove();
  });

  it('counts every X-API-Token check by outcome, exactly', () => {
    const outcome = (name: string) => sample(metrics, 'pat_auth_checks_total', { outcome: name });
    expect({
      authenticated: outcome('authenticated'),
      token_invalid: outcome('token_invalid'),
      token_malformed: outcome('token_malformed'),
      token_revoked: outcome('token_revoked'),
      token_missing: outcome('token_missing'),
      token_expired: outcome('token_expired') ?? 0,
      throttled: outcome('throttled') ?? 0,
    }).toEqual({
      authenticated: VALID,
      token_invalid: UNKNOWN,
      token_malformed: MALFORMED,
      token_revoked: REVOKED,
      token_missing: MISSING,
      token_expired: 0,
      throttled: 0,
    });
  });

  it('times requests by route template and status, never by raw URL', () => {
    const count = (labels: Record<string, string>) =>
      sample(metrics, 'pat_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/api/v1/whoami', status_code: '200' })).toBeGreaterThanOrEqual(VALID);
    expect(count({ method: 'GET', route: '/api/v1/whoami', status_code: '401' })).toBe(UNKNOWN + MALFORMED + 1);
    expect(count({ method: 'POST', route: '/api/v1/tokens', status_code: '201' })).toBe(3);
    expect(count({ method: 'GET', route: '/api/v1/tokens/:id', status_code: '404' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(
      sample(metrics, 'pat_http_request_duration_seconds_bucket', {
        method: 'GET',
        route: '/api/v1/whoami',
        status_code: '200',
        le: '+Inf',
      }),
    ).toBe(count({ method: 'GET', route: '/api/v1/whoami', status_code: '200' }));
    const routes = new Set(
      [...metrics.matchAll(/pat_http_request_duration_seconds_count\{[^}]*route="([^"]*)"/g)].map((m) => m[1]),
    );
    for (const route of routes) expect(route === 'unmatched' || route.startsWith('/')).toBe(true);
    for (const { token } of issued) expect(metrics).not.toContain(token.slice(4));
  });

  it('reports tokens by effective status and the projection lag', () => {
    expect({
      active: sample(metrics, 'pat_tokens', { status: 'active' }),
      revoked: sample(metrics, 'pat_tokens', { status: 'revoked' }),
      expired: sample(metrics, 'pat_tokens', { status: 'expired' }),
    }).toEqual({ active: 2, revoked: 1, expired: 0 });
    const lagged = sample(metrics, 'pat_projection_lag_seconds_count') ?? 0;
    expect(lagged).toBeGreaterThanOrEqual(issued.length + 1);
    // In seconds: each event was recorded and applied within the window the test took.
    expect(sample(metrics, 'pat_projection_lag_seconds_sum')).toBeLessThanOrEqual(lagged * lagWindowSeconds);
    expect(sample(metrics, 'pat_projection_last_applied_event_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('logs each request with its correlation id, the one the caller gave when it gave one', () => {
    const lines = api.output.map(parsed);
    const requests = lines.filter((line) => line?.msg === 'request completed');
    expect(requests.filter((line) => line?.url === '/api/v1/whoami').length).toBeGreaterThanOrEqual(VALID);
    expect(requests.every((line) => typeof line?.correlationId === 'string')).toBe(true);
    expect(lines.find((line) => line?.correlationId === 'abc')).toMatchObject({ url: '/api/v1/tokens' });
  });

  it('takes at most 2 KiB of a URL into a line, marked as cut', () => {
    const urls = api.output.map((line) => parsed(line)?.url ?? '');
    expect(urls).toContain(`/no/such?pad=${URL_CUT_MARK}`);
    expect(urls.filter((url) => url.length > 2048 + URL_CUT_MARK.length)).toEqual([]);
  });

  it('writes no token and no JWT to any log line, redacting those in URLs', () => {
    const secrets = [
      ...issued.map(({ token }) => token),
      ...issued.map(({ token }) => token.slice(4, 44)),
      ...presented,
      jwt,
      adminJwt,
      ...[jwt, adminJwt].map((each) => each.split('.')[2]),
    ];
    const leaks = api.output.filter((line) => JWT_SHAPED.test(line) || secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
    const urls = api.output.map((line) => parsed(line)?.url).filter((url) => url !== undefined);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/api/v1/tokens/[redacted]?x=[redacted]',
        '/no/such/[redacted]?jwt=[redacted]',
        '/api/v1/auth/verify?token=[redacted]&jwt=[redacted]',
      ]),
    );
  });
});
