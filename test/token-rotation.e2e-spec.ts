import { adjustableClock, type ApiHarness } from './support/api-harness';
import { startWithOwnerAndAdmin, type OwnerAndAdmin } from './support/owner-and-admin';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('rotate a token', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let alice: string;
  let as: OwnerAndAdmin['as'];
  let generate: OwnerAndAdmin['generate'];
  let trail: OwnerAndAdmin['trail'];

  beforeAll(async () => {
    ({ api, alice, as, generate, trail } = await startWithOwnerAndAdmin({
      clock,
      env: { TOKEN_ROTATION_MAX_OVERLAP_SECONDS: '3600' },
    }));
  });
  afterAll(() => api.close());

  const rotate = (id: string, body?: object, jwt = alice) => {
    const request = api.http.post(`/api/v1/tokens/${id}/rotate`).set(as(jwt));
    return body === undefined ? request : request.send(body);
  };
  const whoami = (token: string) => api.http.get('/api/v1/whoami').set('X-API-Token', token);
  const item = async (id: string) => (await api.http.get(`/api/v1/tokens/${id}`).set(as(alice)).expect(200)).body;

  it('answers a successor with a new secret, same name, scopes and lifetime; the old one works for the overlap', async () => {
    const old = await generate('CI deploy', { expiresInDays: 7, scopes: ['read_api'] });
    clock.advance(20 * 60_000); // the user JWTs are valid for an hour of this clock
    const before = clock.now().getTime();

    const answer = await rotate(old.id, { overlapSeconds: 600 }).expect(201);
    expect(answer.headers['cache-control']).toBe('no-store');
    const successor = answer.body;
    expect(successor).toMatchObject({
      name: 'CI deploy',
      scopes: ['read_api'],
      status: 'active',
      predecessorId: old.id,
      token: expect.stringMatching(/^pat_/),
    });
    expect(successor.id).not.toBe(old.id);
    expect(successor.token).not.toBe(old.token);
    const lifetime = Date.parse(successor.expiresAt) - Math.floor(before / 1000) * 1000;
    expect(lifetime).toBe(7 * DAY_MS);
    const graceUntil = Date.parse(successor.predecessorGraceUntil) - 600_000;
    expect(graceUntil).toBeGreaterThanOrEqual(before);
    expect(graceUntil).toBeLessThanOrEqual(clock.now().getTime());

    await whoami(old.token).expect(200);
    expect((await whoami(successor.token).expect(200)).body).toMatchObject({ tokenId: successor.id });
    expect(await item(old.id)).toMatchObject({
      status: 'rotated',
      successorId: successor.id,
      graceUntil: successor.predecessorGraceUntil,
    });
    expect((await item(successor.id)).predecessorId).toBe(old.id);

    clock.advance(600_000);
    const refused = await whoami(old.token).expect(401);
    expect(refused.body).toMatchObject({ code: 'token_rotated' });
    const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', old.token).expect(401);
    expect(verify.body.code).toBe('token_rotated');
    await whoami(successor.token).expect(200);

    expect((await trail(old.id)).map((event) => event.type)).toEqual(['TokenGenerated', 'TokenRotated']);
    expect((await trail(old.id))[1].data).toMatchObject({
      tokenId: old.id,
      successorId: successor.id,
      graceUntil: successor.predecessorGraceUntil,
      rotatedBy: 'alice',
    });
    expect((await trail(successor.id))[0].data).toMatchObject({ tokenId: successor.id, predecessorId: old.id });
    const rotated = await api.http.get('/api/v1/tokens?status=rotated').set(as(alice)).expect(200);
    expect(rotated.body.items.map((token: { id: string }) => token.id)).toContain(old.id);
  });

  it('ends the old token at once without an overlap (no body at all)', async () => {
    const old = await generate('no overlap');
    const successor = (await rotate(old.id).expect(201)).body;
    expect((await whoami(old.token).expect(401)).body.code).toBe('token_rotated');
    await whoami(successor.token).expect(200);
  });

  it('lets the old token be revoked within its overlap, which ends it', async () => {
    const old = await generate('leaked');
    await rotate(old.id, { overlapSeconds: 3600 }).expect(201);
    await api.http.delete(`/api/v1/tokens/${old.id}`).set(as(alice)).expect(204);
    expect((await whoami(old.token).expect(401)).body.code).toBe('token_revoked');
  });

  it('refuses to rotate a rotated, revoked or other user’s token, and bad overlaps naming the field', async () => {
    const old = await generate('once');
    await rotate(old.id, {}).expect(201);
    expect((await rotate(old.id).expect(409)).body).toMatchObject({ status: 409, code: 'token_not_active' });
    expect((await api.http.patch(`/api/v1/tokens/${old.id}`).set(as(alice)).send({ name: 'x' })).status).toBe(409);

    const revoked = await generate('revoked');
    await api.http.delete(`/api/v1/tokens/${revoked.id}`).set(as(alice)).expect(204);
    expect((await rotate(revoked.id).expect(409)).body.code).toBe('token_not_active');

    const mine = await generate('mine');
    const bob = await api.userJwt('bob');
    expect((await rotate(mine.id, {}, bob).expect(404)).body.code).toBe('token_not_found');
    for (const overlapSeconds of [-1, 1.5, '60', null, 3601, 86_401]) {
      const refused = await rotate(mine.id, { overlapSeconds }).expect(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'overlapSeconds' }] });
    }
    const holder = await api.http.post(`/api/v1/tokens/${mine.id}/rotate`).set('X-API-Token', mine.token);
    expect(holder.status).toBe(401);
    expect(holder.body.code).toBe('auth_required');
    expect((await trail(mine.id)).map((event) => event.type)).toEqual(['TokenGenerated']);
    await whoami(mine.token).expect(200);
  });

  it('gives a suspended token no overlap', async () => {
    const old = await generate('paused');
    await api.http.post(`/api/v1/tokens/${old.id}/suspend`).set(as(alice)).expect(200);
    const successor = (await rotate(old.id, { overlapSeconds: 3600 }).expect(201)).body;
    expect((await whoami(old.token).expect(401)).body.code).toBe('token_rotated');
    await whoami(successor.token).expect(200);
  });
});

describe('rotate at the token limit', () => {
  let owner: OwnerAndAdmin;
  beforeAll(async () => {
    owner = await startWithOwnerAndAdmin({ env: { TOKEN_MAX_ACTIVE_PER_USER: '1' } });
  });
  afterAll(() => owner.api.close());

  it('rotates the only token a user may have: the old one no longer counts', async () => {
    const { api, as, alice, generate } = owner;
    const only = await generate('only');
    await api.http.post(`/api/v1/tokens/${only.id}/rotate`).set(as(alice)).expect(201);
    const refused = await api.http.post('/api/v1/tokens').set(as(alice)).send({ name: 'second' }).expect(409);
    expect(refused.body.code).toBe('token_limit_reached');
  });
});
