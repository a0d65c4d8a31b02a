import { startApi, type ApiHarness } from './support/api-harness';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `expiresInDays` counts from the whole second the token was created in (the same instant as its createdAt). */
const daysAfterWholeSecond = (createdAt: string, days: number): string =>
  new Date(Math.floor(Date.parse(createdAt) / 1000) * 1000 + days * DAY_MS).toISOString();

describe('token lifecycle (walk-through)', () => {
  let api: ApiHarness;
  let alice: string;

  beforeAll(async () => {
    api = await startApi();
    alice = await api.userJwt('alice');
  });
  afterAll(() => api.close());

  it('generates a token, shows it once, lets it call APIs, lists it and revokes it', async () => {
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${alice}`)
      .send({ name: '  CI deploy  ', expiresInDays: 30 })
      .expect(201);
    const token: string = created.body.token;
    expect(created.headers['cache-control']).toBe('no-store');
    expect(token).toMatch(/^pat_[0-9A-Za-z]{46}$/);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'CI deploy',
      token,
      tokenHint: `${token.slice(0, 8)}…${token.slice(-4)}`,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      scopes: ['api', 'read_api'],
      status: 'active',
    });
    expect(created.body.expiresAt).toBe(daysAfterWholeSecond(created.body.createdAt, 30));
    const id: string = created.body.id;

    const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', token).expect(200);
    expect(whoami.body).toEqual({
      userId: 'alice',
      tokenId: id,
      tokenName: 'CI deploy',
      expiresAt: created.body.expiresAt,
      scopes: ['api', 'read_api'],
    });

    const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', token).expect(200);
    expect(verify.headers['x-auth-user-id']).toBe('alice');
    expect(verify.headers['x-auth-token-id']).toBe(id);
    expect(verify.headers['x-auth-scopes']).toBe('api read_api');

    const list = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${alice}`).expect(200);
    expect(list.body.items).toEqual([
      {
        id,
        name: 'CI deploy',
        tokenHint: created.body.tokenHint,
        createdAt: created.body.createdAt,
        expiresAt: created.body.expiresAt,
        scopes: ['api', 'read_api'],
        status: 'active',
        lastUsedAt: expect.any(String),
        recentClients: [
          { address: expect.stringMatching(/127\.0\.0\.1$/), userAgent: null, lastUsedAt: expect.any(String) },
        ],
      },
    ]);
    const lastUsedAt = Date.parse(list.body.items[0].lastUsedAt);
    expect(lastUsedAt).toBeGreaterThanOrEqual(Date.parse(created.body.createdAt));
    expect(lastUsedAt).toBeLessThanOrEqual(Date.now());
    const one = await api.http.get(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${alice}`).expect(200);
    expect(one.body).toEqual(list.body.items[0]);

    await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${alice}`).expect(204);
    const refused = await api.http.get('/api/v1/whoami').set('X-API-Token', token).expect(401);
    expect(refused.body.code).toBe('token_revoked');
    const revoked = await api.http.get(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${alice}`).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });

    await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${alice}`).expect(204);
    const trail = await api.http.get(`/api/v1/tokens/${id}/events`).set('Authorization', `Bearer ${alice}`).expect(200);
    expect(trail.body.items.map((event: { type: string }) => event.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
    expect(trail.body.items[1].data).toMatchObject({ tokenId: id, revokedBy: 'alice', schemaVersion: 1 });
    expect(JSON.stringify(trail.body)).not.toMatch(/tokenDigest/);

    for (const body of [list.body, one.body, revoked.body, trail.body, whoami.body, verify.body]) {
      expect(JSON.stringify(body)).not.toContain(token);
    }
  });

  it('defaults to 30 days, accepts expiresAt, and filters the list by status, newest first', async () => {
    const bob = await api.userJwt('bob-list');
    const first = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${bob}`)
      .send({ name: 'first' })
      .expect(201);
    const at = new Date(Date.now() + 3 * DAY_MS).toISOString();
    const second = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${bob}`)
      .send({ name: 'second', expiresAt: at })
      .expect(201);
    expect(second.body.expiresAt).toBe(at);
    expect(first.body.expiresAt).toBe(daysAfterWholeSecond(first.body.createdAt, 30));

    await api.http.delete(`/api/v1/tokens/${first.body.id}`).set('Authorization', `Bearer ${bob}`).expect(204);
    const all = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${bob}`).expect(200);
    expect(all.body.items.map((item: { name: string }) => item.name)).toEqual(['second', 'first']);
    const active = await api.http.get('/api/v1/tokens?status=active').set('Authorization', `Bearer ${bob}`).expect(200);
    expect(active.body.items.map((item: { id: string }) => item.id)).toEqual([second.body.id]);
    const revoked = await api.http
      .get('/api/v1/tokens?status=revoked')
      .set('Authorization', `Bearer ${bob}`)
      .expect(200);
    expect(revoked.body.items.map((item: { id: string }) => item.id)).toEqual([first.body.id]);
    const expired = await api.http
      .get('/api/v1/tokens?status=expired')
      .set('Authorization', `Bearer ${bob}`)
      .expect(200);
    expect(expired.body.items).toEqual([]);
  });

  it('keeps users apart: another user sees 404, exactly as for a missing token', async () => {
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${alice}`)
      .send({ name: 'mine' })
      .expect(201);
    const id: string = created.body.id;
    const mallory = await api.userJwt('mallory');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/api/v1/tokens/${id}`, `/api/v1/tokens/${id}/events`]) {
      const theirs = await api.http.get(path).set('Authorization', `Bearer ${mallory}`).expect(404);
      const none = await api.http.get(path.replace(id, missing)).set('Authorization', `Bearer ${mallory}`).expect(404);
      expect(theirs.body).toEqual({ ...none.body, detail: theirs.body.detail });
      expect(theirs.body.code).toBe('token_not_found');
    }
    await api.http.delete(`/api/v1/tokens/${id}`).set('Authorization', `Bearer ${mallory}`).expect(404);
    const list = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${mallory}`).expect(200);
    expect(list.body.items).toEqual([]);
    await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token).expect(200);
  });

  it('never lets a token open the management API', async () => {
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${alice}`)
      .send({ name: 'key' })
      .expect(201);
    const token: string = created.body.token;
    const asHeader = await api.http.post('/api/v1/tokens').set('X-API-Token', token).send({ name: 'more' }).expect(401);
    expect(asHeader.body.code).toBe('auth_required');
    const asBearer = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${token}`).expect(401);
    expect(asBearer.body.code).toBe('auth_invalid');
    await api.http.delete(`/api/v1/tokens/${created.body.id}`).set('X-API-Token', token).expect(401);
    const list = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${alice}`).expect(200);
    expect(list.body.items.map((item: { name: string }) => item.name)).not.toContain('more');
  });
});

describe('correlation ids', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it("echoes the caller's X-Request-Id, or a new one", async () => {
    const given = await api.http.get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const fresh = await api.http.get('/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
