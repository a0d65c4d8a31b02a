import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { adjustableClock, startApi, type ApiHarness } from './support/api-harness';
import { listeningPort, rawExchange } from './support/raw-http';
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

    it('not_found for an unknown route, without echoing its URL', async () => {
      const response = await api.http.get('/api/v1/nothing-here');
      expectProblem(response, 404, 'not_found');
      expect(response.text).not.toContain('nothing-here');
      expect(response.headers.allow).toBeUndefined();
    });

    it('token_not_found for a token id as long as the request line allows', async () => {
      expectProblem(
        await api.http.get(`/api/v1/tokens/${'x'.repeat(10_000)}`).set('Authorization', `Bearer ${jwt}`),
        404,
        'token_not_found',
      );
    });
  });

  describe('method_not_allowed (405) on a path that has other methods', () => {
    it.each([
      ['PUT', '/api/v1/tokens', 'GET, HEAD, POST'],
      ['PUT', '/api/v1/tokens/00000000-0000-4000-8000-000000000000', 'DELETE, GET, HEAD, PATCH'],
      ['POST', '/api/v1/whoami?x=1', 'GET, HEAD'],
      ['DELETE', '/api/v1/tokens/not-an-id/events', 'GET, HEAD'],
      ['OPTIONS', '/metrics', 'GET, HEAD'],
    ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
      const response = await api.http[method.toLowerCase() as 'put'](path).set('Authorization', `Bearer ${jwt}`);
      expectProblem(response, 405, 'method_not_allowed');
      expect(response.headers.allow).toBe(allow);
    });
  });

  describe('answers before any route, over raw TCP', () => {
    let port: number;
    beforeAll(async () => {
      port = await listeningPort(api.app.getHttpServer());
    });

    const request = (line: string, headers = ''): string => `${line}\r\nHost: localhost\r\n${headers}\r\n`;

    it.each([
      ['a URL of 20 KB', 431, 'headers_too_large', request(`GET /api/v1/${'a'.repeat(20 * 1024)} HTTP/1.1`)],
      [
        'headers of 20 KB',
        431,
        'headers_too_large',
        request('GET /health/live HTTP/1.1', `X-Big: ${'a'.repeat(20 * 1024)}\r\n`),
      ],
      ['a space inside the URL', 400, 'malformed_request', request('GET /api/v1/a b HTTP/1.1')],
      ['a control character in the URL', 400, 'malformed_request', request('GET /api/v1/\u0001 HTTP/1.1')],
      [
        'a control character in a header value',
        400,
        'malformed_request',
        request('GET /health/live HTTP/1.1', 'X-A: a\u0001b\r\n'),
      ],
      ['a space in a header name', 400, 'malformed_request', request('GET /health/live HTTP/1.1', 'X A: b\r\n')],
      ['an unknown method', 400, 'malformed_request', request('BREW /health/live HTTP/1.1')],
      ['an unknown HTTP version', 400, 'malformed_request', request('GET /health/live HTTP/9.9')],
      ['bytes that are not HTTP', 400, 'malformed_request', '\u0000\u0001\u0002hello\r\n\r\n'],
      [
        'a broken chunk size',
        400,
        'malformed_request',
        request('POST /api/v1/tokens HTTP/1.1', 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n') +
          'zz\r\n{}\r\n0\r\n\r\n',
      ],
      ['a broken percent-encoding', 400, 'invalid_url', request('GET /api/v1/%zz HTTP/1.1')],
      ['a percent-encoding that is not UTF-8', 400, 'invalid_url', request('GET /api/v1/tokens/%ff HTTP/1.1')],
      ['an HTTP/1.1 request without Host', 400, 'malformed_request', 'GET /api/v1/whoami HTTP/1.1\r\n\r\n'],
    ])('%s: %i %s as problem+json', async (_label, status, code, bytes) => {
      const answer = await rawExchange(port, Buffer.from(bytes, 'latin1'));
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.body)).toMatchObject({
        status,
        code,
        title: expect.any(String),
        detail: expect.any(String),
      });
    });

    it('answers an HTTP/1.0 request without Host as any other', async () => {
      const answer = await rawExchange(port, 'GET /health/live HTTP/1.0\r\n\r\n');
      expect(answer.status).toBe(200);
    });

    it("carries the caller's X-Request-Id on an answer made before routing", async () => {
      const answer = await rawExchange(port, request('GET /api/v1/%zz HTTP/1.1', 'X-Request-Id: early-1\r\n'));
      expect(answer.headers['x-request-id']).toBe('early-1');
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
