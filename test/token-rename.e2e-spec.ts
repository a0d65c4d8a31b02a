import type { ApiHarness } from './support/api-harness';
import { startWithOwnerAndAdmin, type OwnerAndAdmin } from './support/owner-and-admin';

describe('PATCH /api/v1/tokens/:id renames a token', () => {
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

  const rename = (id: string, body: unknown, jwt = alice) =>
    api.http
      .patch(`/api/v1/tokens/${id}`)
      .set(as(jwt))
      .send(body as object);

  it('answers the item with its new name, which the list, whoami and the audit trail show; the token keeps working', async () => {
    const created = await generate('CI deploy');
    const renamed = await rename(created.id, { name: '  CI deploy (staging) ' }).expect(200);
    expect(renamed.body).toMatchObject({ id: created.id, name: 'CI deploy (staging)', status: 'active' });
    expect(renamed.body.token).toBeUndefined();
    const listed = await api.http.get('/api/v1/tokens').set(as(alice)).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === created.id).name).toBe('CI deploy (staging)');
    const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', created.token).expect(200);
    expect(whoami.body.tokenName).toBe('CI deploy (staging)');
    const events = await trail(created.id);
    expect(events.map((event) => event.type)).toEqual(['TokenGenerated', 'TokenRenamed']);
    expect(events[1].data).toMatchObject({
      tokenId: created.id,
      name: 'CI deploy (staging)',
      previousName: 'CI deploy',
      renamedBy: 'alice',
    });
    const audit = await api.http.get(`/api/v1/audit/events?tokenId=${created.id}&type=TokenRenamed`).set(as(root));
    expect(audit.body.items).toHaveLength(1);
  });

  it('records nothing for the name the token already has', async () => {
    const created = await generate('same');
    await rename(created.id, { name: 'same' }).expect(200);
    expect((await trail(created.id)).map((event) => event.type)).toEqual(['TokenGenerated']);
  });

  it('refuses a revoked token with 409 token_not_active', async () => {
    const created = await generate('gone');
    await api.http.delete(`/api/v1/tokens/${created.id}`).set(as(alice)).expect(204);
    const refused = await rename(created.id, { name: 'back' }).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'token_not_active' });
    expect(refused.body.detail).toContain('revoked');
  });

  it('answers 404 for another user’s token, and 400 naming the field for a bad name', async () => {
    const created = await generate('mine');
    const bob = await api.userJwt('bob');
    expect((await rename(created.id, { name: 'theirs' }, bob).expect(404)).body.code).toBe('token_not_found');
    for (const body of [{}, { name: '' }, { name: 7 }, { name: 'x'.repeat(101) }, { name: 'a\u202Eb' }]) {
      const refused = await rename(created.id, body).expect(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'name' }] });
    }
    expect((await trail(created.id)).map((event) => event.type)).toEqual(['TokenGenerated']);
  });

  it('is closed to token holders', async () => {
    const created = await generate('holder');
    const refused = await api.http
      .patch(`/api/v1/tokens/${created.id}`)
      .set('X-API-Token', created.token)
      .send({ name: 'mine now' })
      .expect(401);
    expect(refused.body.code).toBe('auth_required');
  });
});
