import { adjustableClock, startApi, type ApiHarness } from './support/api-harness';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('at most TOKEN_MAX_ACTIVE_PER_USER active tokens per user (default 100)', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    api = await startApi({ clock });
    jwt = await api.userJwt('prolific', { expiresIn: '3d' });
  });
  afterAll(() => api.close());

  const generate = (body: object, as = jwt) =>
    api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${as}`).send(body);

  it('refuses the 101st active token with 409 token_limit_reached naming the limit; a revoke or an expiry frees a slot', async () => {
    const shortLived = await generate({ name: 'expires first', expiresInDays: 1 }).expect(201);
    const racing = await Promise.all(Array.from({ length: 109 }, (_, index) => generate({ name: `racer ${index}` })));
    const statuses = racing.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(99);
    expect(statuses.filter((status) => status === 409)).toHaveLength(10);
    const refused = racing.find((response) => response.status === 409)!;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'token_limit_reached', title: 'Conflict' });
    expect(refused.body.detail).toContain('100');
    const active = await api.http
      .get('/api/v1/tokens?status=active&limit=500')
      .set('Authorization', `Bearer ${jwt}`)
      .expect(200);
    expect(active.body.items).toHaveLength(100);

    const revoked = racing.find((response) => response.status === 201)!;
    await api.http.delete(`/api/v1/tokens/${revoked.body.id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
    await generate({ name: 'in the revoked one’s place' }).expect(201);
    expect((await generate({ name: 'one too many again' })).body.code).toBe('token_limit_reached');

    clock.advance(DAY_MS + 1000);
    await api.http.get('/api/v1/whoami').set('X-API-Token', shortLived.body.token).expect(401);
    await generate({ name: 'in the expired one’s place' }).expect(201);
    expect((await generate({ name: 'and one too many' })).status).toBe(409);
  }, 60_000);

  it("does not count other users' tokens, and refuses bad input with 400 even at the limit", async () => {
    await generate({ name: '' }).expect(400);
    await generate({ name: 'their own' }, await api.userJwt('someone-else', { expiresIn: '3d' })).expect(201);
  });
});

describe('TOKEN_MAX_ACTIVE_PER_USER set', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi({ env: { TOKEN_MAX_ACTIVE_PER_USER: '2' } });
  });
  afterAll(() => api.close());

  it('is the limit', async () => {
    const jwt = await api.userJwt('frugal');
    const generate = () => api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name: 'n' });
    await generate().expect(201);
    await generate().expect(201);
    const refused = await generate().expect(409);
    expect(refused.body).toMatchObject({ code: 'token_limit_reached', detail: expect.stringContaining('2 active') });
  });
});
