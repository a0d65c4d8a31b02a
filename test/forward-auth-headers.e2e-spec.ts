import { startApi, type ApiHarness } from './support/api-harness';

/** GET /auth/verify hands the user id to a gateway in a header, percent-encoded wherever it is not visible ASCII. */
describe('X-Auth-User-Id of GET /auth/verify', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  async function tokenOf(userId: string): Promise<string> {
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${await api.userJwt(userId)}`)
      .send({ name: 'gateway' })
      .expect(201);
    return (created.body as { token: string }).token;
  }

  it.each([
    ['alice', 'alice'],
    ['alice@example.com', 'alice@example.com'],
    ['auth0|5f3c', 'auth0|5f3c'],
    ['ålice', '%C3%A5lice'],
    ['用户', '%E7%94%A8%E6%88%B7'],
    ['line\r\nX-Injected: 1', 'line%0D%0AX-Injected:%201'],
    ['50% off', '50%25%20off'],
  ])('sends %j as %s, and whoami the id itself', async (userId, header) => {
    const token = await tokenOf(userId);
    const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', token);
    expect(verify.status).toBe(200);
    expect(verify.headers['x-auth-user-id']).toBe(header);
    expect(verify.headers['x-injected']).toBeUndefined();
    expect(decodeURIComponent(header)).toBe(userId);
    expect(verify.body).toMatchObject({ userId });
    const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', token).expect(200);
    expect(whoami.body).toMatchObject({ userId });
  });

  it('sends a lone surrogate, which UTF-8 cannot carry, as U+FFFD rather than failing', async () => {
    const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', await tokenOf('x\ud800'));
    expect(verify.status).toBe(200);
    expect(verify.headers['x-auth-user-id']).toBe('x%EF%BF%BD');
  });
});
