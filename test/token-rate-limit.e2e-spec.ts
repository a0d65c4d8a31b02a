import { adjustableClock, type ApiHarness } from './support/api-harness';
import { startWithOwnerAndAdmin, type OwnerAndAdmin } from './support/owner-and-admin';

describe('per-token rate limit: maxRequestsPerSecond', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let alice: string;
  let as: OwnerAndAdmin['as'];
  let generate: OwnerAndAdmin['generate'];
  let trail: OwnerAndAdmin['trail'];

  beforeAll(async () => {
    ({ api, alice, as, generate, trail } = await startWithOwnerAndAdmin({ clock }));
  });
  afterAll(() => api.close());

  const whoami = (token: string) => api.http.get('/api/v1/whoami').set('X-API-Token', token);
  const burst = async (token: string, count: number, path = '/api/v1/whoami') => {
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(await api.http.get(path).set('X-API-Token', token));
    return answers;
  };
  const edit = (id: string, body: object) => api.http.patch(`/api/v1/tokens/${id}`).set(as(alice)).send(body);

  it('lets the limit through at once, then answers 429 token_rate_limited with Retry-After', async () => {
    const limited = await generate('limited', { maxRequestsPerSecond: 5 });
    const answers = await burst(limited.token, 8);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(answers[5].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answers[5].body).toMatchObject({ status: 429, code: 'token_rate_limited' });
    expect(answers[5].headers['retry-after']).toBe('1');

    clock.advance(1_000);
    await whoami(limited.token).expect(200);
    const item = await api.http.get(`/api/v1/tokens/${limited.id}`).set(as(alice)).expect(200);
    expect(item.body).toMatchObject({ maxRequestsPerSecond: 5, status: 'active' });
  });

  it('does not count a rate-limited request as a refused token, and answers 401 on the forward-auth route', async () => {
    const limited = await generate('busy', { maxRequestsPerSecond: 1 });
    const answers = await burst(limited.token, 120);
    expect(new Set(answers.slice(1).map((answer) => answer.body.code))).toEqual(new Set(['token_rate_limited']));
    const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', limited.token);
    expect(verify.status).toBe(401);
    expect(verify.body.code).toBe('token_rate_limited');
    expect(verify.headers['retry-after']).toBeDefined();
  });

  it('changes or removes the limit with PATCH, records TokenRateLimitChanged, and the successor of a rotation keeps it', async () => {
    const token = await generate('changing', { maxRequestsPerSecond: 2 });
    expect((await edit(token.id, { maxRequestsPerSecond: null }).expect(200)).body).not.toHaveProperty(
      'maxRequestsPerSecond',
    );
    expect((await burst(token.token, 10)).every((answer) => answer.status === 200)).toBe(true);
    expect((await edit(token.id, { maxRequestsPerSecond: 3, name: 'changed' }).expect(200)).body).toMatchObject({
      name: 'changed',
      maxRequestsPerSecond: 3,
    });
    await edit(token.id, { maxRequestsPerSecond: 3 }).expect(200);
    const changes = (await trail(token.id)).filter((event) => event.type === 'TokenRateLimitChanged');
    expect(changes.map((event) => event.data)).toEqual([
      expect.objectContaining({ maxRequestsPerSecond: null, previous: 2, changedBy: 'alice' }),
      expect.objectContaining({ maxRequestsPerSecond: 3, previous: null }),
    ]);

    const rotated = await api.http.post(`/api/v1/tokens/${token.id}/rotate`).set(as(alice)).send({}).expect(201);
    expect(rotated.body).toMatchObject({ name: 'changed', maxRequestsPerSecond: 3 });
  });

  it('refuses a limit that is not a whole number from 1 to 100000 with 400 naming the field', async () => {
    for (const maxRequestsPerSecond of [0, -1, 1.5, 100_001, '10']) {
      const answer = await api.http
        .post('/api/v1/tokens')
        .set(as(alice))
        .send({ name: 'bad limit', maxRequestsPerSecond })
        .expect(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'maxRequestsPerSecond' })]);
    }
    const token = await generate('unchanged');
    expect((await edit(token.id, { maxRequestsPerSecond: 0 }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'maxRequestsPerSecond' }),
    ]);
    expect((await edit(token.id, {}).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });
});
