import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { adjustableClock, startApi, type ApiHarness } from './support/api-harness';
import { signUserJwt } from './support/user-jwt';

describe('every error code of the contract', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    api = await startApi({ clock });
    jwt = await api.userJwt('coder');
  });
  afterAll(() => api.close());

  async function generate(body: object = { name: 'n' }): Promise<{ id: string; token: string }> {
    const response = await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send(body).expect(201);
    return response.body as { id: string; token: string };
  }

  function expectProblem(
    response: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
    code: string,
  ) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status,
      code,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
  }

  describe('X-API-Token refusals (401)', () => {
    const format = new TokenFormat('pat');

    it.each(['/api/v1/whoami', '/api/v1/auth/verify'])('token_missing on %s', async (path) => {
      expectProblem(await api.http.get(path), 401, 'token_missing');
      expectProblem(await api.http.get(path).set('X-API-Token', ''), 401, 'token_missing');
    });

    it('token_malformed for a bad shape, a wrong prefix and a failed check', async () => {
      const { token } = await generate();
      const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
      const otherPrefix = new TokenFormat('ghp').generate(randomBytes);
      for (const candidate of ['hello', token.slice(0, -1), token.toUpperCase(), flipped, otherPrefix, `${token}x`]) {
        expectProblem(await api.http.get('/api/v1/whoami').set('X-API-Token', candidate), 401, 'token_malformed');
      }
    });

    it('token_invalid for a well-formed token nobody issued', async () => {
      const forged = format.generate(randomBytes);
      expectProblem(await api.http.get('/api/v1/whoami').set('X-API-Token', forged), 401, 'token_invalid');
      expectProblem(await api.http.get('/api/v1/auth/verify').set('X-API-Token', forged), 401, 'token_invalid');
    });

    it('token_revoked', async () => {
      const { id, token } = await generate();
      await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
      expectProblem(await api.http.get('/api/v1/auth/verify').set('X-API-Token', token), 401, 'token_revoked');
    });

    it('token_expired from expiresAt on, to the second, before TokenExpired is recorded', async () => {
      const { id, token } = await generate({
        name: 'short',
        expiresAt: new Date(clock.now().getTime() + 120_000).toISOString(),
      });
      clock.advance(119_000);
      await api.http.get('/api/v1/whoami').set('X-API-Token', token).expect(200);
      clock.advance(1_000);
      expectProblem(await api.http.get('/api/v1/whoami').set('X-API-Token', token), 401, 'token_expired');
      const item = await api.http.get(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`).expect(200);
      expect(item.body.status).toBe('expired');
      const expired = await api.http
        .get('/api/v1/tokens?status=expired')
        .set('Authorization', `Bearer ${jwt}`)
        .expect(200);
      expect(expired.body.items.map((entry: { id: string }) => entry.id)).toContain(id);
      const revoke = await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
      expect(revoke.body).toEqual({});
      const trail = await api.http.get(`/api/v1/tokens/${id}/events`).set('Authorization', `Bearer ${jwt}`).expect(200);
      expect(trail.body.items.map((event: { type: string }) => event.type)).not.toContain('TokenRevoked');
    });
  });

  describe('user JWT refusals (401)', () => {
    it('auth_required without a bearer', async () => {
      expectProblem(await api.http.get('/api/v1/tokens'), 401, 'auth_required');
      expectProblem(await api.http.get('/api/v1/tokens').set('Authorization', 'Basic YTpi'), 401, 'auth_required');
    });

    it('auth_invalid for a bad signature, an expired JWT, no subject, or alg none', async () => {
      const secret = api.config.userAuth.kind === 'secret' ? api.config.userAuth.secret : '';
      const wrongKey = await signUserJwt('another-secret-of-enough-length', { sub: 'coder' });
      const expired = await signUserJwt(secret, { sub: 'coder', expiresIn: '-1m' });
      const noSubject = await signUserJwt(secret, { email: 'x@example.com' });
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: 'coder', exp: Math.floor(Date.now() / 1000) + 600 })).toString(
        'base64url',
      );
      for (const bad of [wrongKey, expired, noSubject, `${header}.${payload}.`, 'not-a-jwt']) {
        expectProblem(await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${bad}`), 401, 'auth_invalid');
      }
    });
  });

  describe('not found (404)', () => {
    it('token_not_found for an unknown id or a non-id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '..%2F..%2Fetc']) {
        expectProblem(
          await api.http.get(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`),
          404,
          'token_not_found',
        );
        expectProblem(
          await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${jwt}`),
          404,
          'token_not_found',
        );
      }
    });

    it('not_found for an unknown route', async () => {
      expectProblem(await api.http.get('/api/v1/nothing-here'), 404, 'not_found');
    });
  });

  it('validation_failed, invalid_json, payload_too_large (400/413) are covered with bad input', async () => {
    expectProblem(
      await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({}),
      400,
      'validation_failed',
    );
  });

  it('operations endpoints answer', async () => {
    await api.http.get('/health/live').expect(200);
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    const metrics = await api.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('pat_auth_checks_total');
    const docs = await api.http.get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tokens',
        '/api/v1/tokens/{id}',
        '/api/v1/tokens/{id}/events',
        '/api/v1/whoami',
        '/api/v1/auth/verify',
      ]),
    );
    await api.http.get('/api/docs').redirects(1).expect(200);
  });
});
