import type { ApiHarness } from './support/api-harness';
import { startWithOwnerAndAdmin, type OwnerAndAdmin } from './support/owner-and-admin';

describe('suspend and reactivate a token', () => {
  let api: ApiHarness;
  let alice: string;
  let root: string;
  let as: OwnerAndAdmin['as'];
  let generate: OwnerAndAdmin['generate'];
  let trail: OwnerAndAdmin['trail'];

  beforeAll(async () => {
    ({ api, alice, root, as, generate, trail } = await startWithOwnerAndAdmin());
  });
  afterAll(() => api.close());

  const change = (
    id: string,
    verb: 'suspend' | 'reactivate',
    jwt = alice,
    body?: object,
    prefix = '/api/v1/tokens',
  ) => {
    const request = api.http.post(`${prefix}/${id}/${verb}`).set(as(jwt));
    return body === undefined ? request : request.send(body);
  };
  const whoami = (token: string) => api.http.get('/api/v1/whoami').set('X-API-Token', token);

  it('refuses a suspended token with 401 token_suspended at once, and accepts it again once reactivated', async () => {
    const created = await generate('CI deploy');
    await whoami(created.token).expect(200);

    const suspended = await change(created.id, 'suspend', alice, { reason: 'Investigating unexpected calls' }).expect(
      200,
    );
    expect(suspended.body).toMatchObject({ id: created.id, status: 'suspended', suspendedAt: expect.any(String) });
    const refused = await whoami(created.token).expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'token_suspended' });
    expect((await api.http.get('/api/v1/auth/verify').set('X-API-Token', created.token).expect(401)).body.code).toBe(
      'token_suspended',
    );

    const reactivated = await change(created.id, 'reactivate').expect(200);
    expect(reactivated.body).toMatchObject({ id: created.id, status: 'active' });
    expect(reactivated.body.suspendedAt).toBeUndefined();
    await whoami(created.token).expect(200);

    const events = await trail(created.id);
    expect(events.map((event) => event.type)).toEqual(['TokenGenerated', 'TokenSuspended', 'TokenReactivated']);
    expect(events[1].data).toMatchObject({
      tokenId: created.id,
      suspendedBy: 'alice',
      reason: 'Investigating unexpected calls',
    });
    expect(events[2].data).toMatchObject({ tokenId: created.id, reactivatedBy: 'alice', reason: null });
  });

  it('lists suspended tokens under their own status, and counts them against the limit as live', async () => {
    const created = await generate('paused');
    await change(created.id, 'suspend').expect(200);
    const suspended = await api.http.get('/api/v1/tokens?status=suspended').set(as(alice)).expect(200);
    expect(suspended.body.items.map((item: { id: string }) => item.id)).toContain(created.id);
    const active = await api.http.get('/api/v1/tokens?status=active').set(as(alice)).expect(200);
    expect(active.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
    expect((await api.http.get(`/api/v1/tokens/${created.id}`).set(as(alice)).expect(200)).body.status).toBe(
      'suspended',
    );
  });

  it('records nothing when the token is already in the state asked for, with or without a body', async () => {
    const created = await generate('twice');
    await change(created.id, 'reactivate').expect(200);
    await change(created.id, 'suspend').expect(200);
    await change(created.id, 'suspend', alice, {}).expect(200);
    expect((await trail(created.id)).map((event) => event.type)).toEqual(['TokenGenerated', 'TokenSuspended']);
  });

  it('lets a suspended token be renamed and revoked; a revoked one is refused with 409 token_not_active', async () => {
    const created = await generate('to revoke');
    await change(created.id, 'suspend').expect(200);
    await api.http.patch(`/api/v1/tokens/${created.id}`).set(as(alice)).send({ name: 'renamed' }).expect(200);
    await api.http.delete(`/api/v1/tokens/${created.id}`).set(as(alice)).expect(204);
    expect((await whoami(created.token).expect(401)).body.code).toBe('token_revoked');
    for (const verb of ['suspend', 'reactivate'] as const) {
      const refused = await change(created.id, verb).expect(409);
      expect(refused.body).toMatchObject({ status: 409, code: 'token_not_active' });
    }
  });

  it('answers 404 for another user’s token, 400 naming the field for a bad reason, 401 to token holders', async () => {
    const created = await generate('mine');
    const bob = await api.userJwt('bob');
    expect((await change(created.id, 'suspend', bob).expect(404)).body.code).toBe('token_not_found');
    for (const body of [{ reason: 7 }, { reason: 'x'.repeat(201) }, { reason: 'a\u202Eb' }, { reason: 'a\nb' }]) {
      const refused = await change(created.id, 'suspend', alice, body).expect(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reason' }] });
    }
    const holder = await api.http.post(`/api/v1/tokens/${created.id}/suspend`).set('X-API-Token', created.token);
    expect(holder.status).toBe(401);
    expect(holder.body.code).toBe('auth_required');
    expect((await trail(created.id)).map((event) => event.type)).toEqual(['TokenGenerated']);
  });

  it('lets an admin suspend and reactivate anyone’s token through the admin routes, naming the admin', async () => {
    const created = await generate('watched');
    const admin = '/api/v1/admin/tokens';
    const suspended = await change(created.id, 'suspend', root, { reason: 'leak suspected' }, admin).expect(200);
    expect(suspended.body).toMatchObject({ id: created.id, userId: 'alice', status: 'suspended' });
    expect((await whoami(created.token).expect(401)).body.code).toBe('token_suspended');
    await change(created.id, 'reactivate', root, undefined, admin).expect(200);
    await whoami(created.token).expect(200);
    expect((await change(created.id, 'suspend', alice, undefined, admin).expect(403)).body.code).toBe('forbidden');
    const audit = await api.http.get(`/api/v1/audit/events?tokenId=${created.id}`).set(as(root)).expect(200);
    expect(audit.body.items.map((event: { type: string }) => event.type)).toEqual([
      'TokenGenerated',
      'TokenSuspended',
      'TokenReactivated',
    ]);
    expect(audit.body.items[1].data).toMatchObject({ suspendedBy: 'root', reason: 'leak suspected' });
  });
});
