import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { startApi, type ApiHarness } from './support/api-harness';

/** Refused X-API-Tokens from one address are answered 429 past the budget; a valid token never is. */
describe('failed-auth throttling', () => {
  let api: ApiHarness;
  let jwt: string;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ env: { AUTH_FAILURE_LIMIT: '100', AUTH_FAILURE_WINDOW_SECONDS: '60' } });
    jwt = await api.userJwt('throttled');
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'kept' })
      .expect(201);
    token = (created.body as { token: string }).token;
  });
  afterAll(() => api.close());

  it('answers 150 forged tokens from one address with 100 × 401, then 429 with Retry-After', async () => {
    const format = new TokenFormat('pat');
    const answers: { status: number; code: unknown; retryAfter: unknown; type: unknown }[] = [];
    for (let i = 0; i < 150; i++) {
      const response = await api.http.get('/api/v1/whoami').set('X-API-Token', format.generate(randomBytes));
      answers.push({
        status: response.status,
        code: (response.body as { code?: unknown }).code,
        retryAfter: response.headers['retry-after'],
        type: response.headers['content-type'],
      });
    }
    for (const answer of answers.slice(0, 100)) {
      expect(answer).toMatchObject({ status: 401, code: 'token_invalid', retryAfter: undefined });
    }
    for (const answer of answers.slice(100)) {
      expect(answer).toMatchObject({
        status: 429,
        code: 'too_many_requests',
        retryAfter: expect.stringMatching(/^[1-9]\d*$/),
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
    }
  });

  it('still answers a missing token from that address with 429', async () => {
    const response = await api.http.get('/api/v1/whoami').expect(429);
    expect(response.body).toMatchObject({ status: 429, code: 'too_many_requests' });
  });

  it('answers them on /auth/verify with 401 too_many_requests and Retry-After, as gateways accept no 429', async () => {
    const answers = [
      await api.http.get('/api/v1/auth/verify'),
      await api.http.get('/api/v1/auth/verify').set('X-API-Token', new TokenFormat('pat').generate(randomBytes)),
      await api.http.get('/api/v1/auth/verify').set('X-API-Token', 'not-a-token'),
    ];
    for (const response of answers) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', code: 'too_many_requests' });
      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('still lets a valid token from that address through', async () => {
    const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', token).expect(200);
    expect(whoami.body).toMatchObject({ userId: 'throttled', tokenName: 'kept' });
    const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', token).expect(200);
    expect(verify.headers['x-auth-user-id']).toBe('throttled');
  });

  it('leaves the management API alone', async () => {
    const list = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    await api.http.get('/api/v1/tokens').expect(401);
    await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name: 'more' }).expect(201);
  });

  it('counts the 429s as throttled', async () => {
    const metrics = await api.http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/pat_auth_checks_total\{outcome="throttled"\} 54\b/);
    expect(metrics.text).toMatch(/pat_auth_checks_total\{outcome="token_invalid"\} 151\b/);
  });
});

describe('failed-auth throttling behind a reverse proxy', () => {
  const forged = (): string => new TokenFormat('pat').generate(randomBytes);

  async function refuseFrom(api: ApiHarness, forwardedFor: string, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) {
      const response = await api.http
        .get('/api/v1/whoami')
        .set('X-API-Token', forged())
        .set('X-Forwarded-For', forwardedFor);
      statuses.push(response.status);
    }
    return statuses;
  }

  it('counts each client named by a trusted proxy separately (TRUST_PROXY)', async () => {
    const api = await startApi({ env: { AUTH_FAILURE_LIMIT: '3', TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
    try {
      expect(await refuseFrom(api, '203.0.113.7', 5)).toEqual([401, 401, 401, 429, 429]);
      expect(await refuseFrom(api, '198.51.100.9', 2)).toEqual([401, 401]);
    } finally {
      await api.close();
    }
  });

  it('counts a client by its socket address when the X-Forwarded-For it is named by is no IP address', async () => {
    const api = await startApi({ env: { AUTH_FAILURE_LIMIT: '3', TRUST_PROXY: 'true' } });
    try {
      const junk = ['not-an-address', '9'.repeat(8_000), '203.0.113.7:8080', '[2001:db8::1]', 'unknown'];
      const statuses = [];
      for (const value of junk) statuses.push(...(await refuseFrom(api, value, 1)));
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await api.close();
    }
  });

  it('counts the addresses of one IPv6 /64 together, and an IPv4-mapped address as its IPv4 address', async () => {
    const api = await startApi({ env: { AUTH_FAILURE_LIMIT: '3', TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
    try {
      const rotating = [];
      for (let i = 1; i <= 5; i++) rotating.push(...(await refuseFrom(api, `2001:db8:1:2::${i.toString(16)}`, 1)));
      expect(rotating).toEqual([401, 401, 401, 429, 429]);
      expect(await refuseFrom(api, '2001:db8:1:3::1', 1)).toEqual([401]);
      const mapped = [
        ...(await refuseFrom(api, '198.51.100.20', 2)),
        ...(await refuseFrom(api, '::ffff:198.51.100.20', 2)),
      ];
      expect(mapped).toEqual([401, 401, 401, 429]);
    } finally {
      await api.close();
    }
  });

  it('ignores X-Forwarded-For by default, so a client cannot dodge the budget by forging it', async () => {
    const api = await startApi({ env: { AUTH_FAILURE_LIMIT: '3' } });
    try {
      const statuses = [
        ...(await refuseFrom(api, '203.0.113.1', 2)),
        ...(await refuseFrom(api, '203.0.113.2', 1)),
        ...(await refuseFrom(api, '203.0.113.3', 1)),
      ];
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await api.close();
    }
  });
});

describe('failed-auth throttling of malformed tokens (refused before Nest)', () => {
  it('counts them in the same budget as unknown tokens, and answers them exactly like the guard', async () => {
    const api = await startApi({ env: { AUTH_FAILURE_LIMIT: '3' } });
    try {
      const valid = new TokenFormat('pat').generate(randomBytes);
      const malformed = `${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`;
      const answers = [];
      for (const token of [valid, malformed, 'not-a-token', malformed, malformed]) {
        answers.push(await api.http.get('/api/v1/whoami').set('X-API-Token', token).set('X-Request-Id', 'gate-1'));
      }
      expect(answers.map((answer) => [answer.status, answer.body.code])).toEqual([
        [401, 'token_invalid'],
        [401, 'token_malformed'],
        [401, 'token_malformed'],
        [429, 'too_many_requests'],
        [429, 'too_many_requests'],
      ]);
      expect(answers[1].headers).toMatchObject({
        'content-type': expect.stringMatching(/^application\/problem\+json/),
        'x-request-id': 'gate-1',
      });
      expect(answers[3].headers['retry-after']).toMatch(/^[1-9]\d*$/);
      const metrics = await api.http.get('/metrics').expect(200);
      expect(metrics.text).toMatch(/pat_auth_checks_total\{outcome="token_malformed"\} 4\b/);
      expect(metrics.text).toMatch(/pat_auth_checks_total\{outcome="throttled"\} 2\b/);
    } finally {
      await api.close();
    }
  });
});
