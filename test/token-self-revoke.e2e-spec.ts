import type { ApiHarness } from './support/api-harness';
import { startWithOwnerAndAdmin, type OwnerAndAdmin } from './support/owner-and-admin';

describe('a token revokes itself: DELETE /api/v1/token with X-API-Token', () => {
  let api: ApiHarness;
  let alice: string;
  let as: OwnerAndAdmin['as'];
  let generate: OwnerAndAdmin['generate'];
  let trail: OwnerAndAdmin['trail'];

  beforeAll(async () => {
    ({ api, alice, as, generate, trail } = await startWithOwnerAndAdmin());
  });
  afterAll(() => api.close());

  const revokeSelf = (token: string) => api.http.delete('/api/v1/token').set('X-API-Token', token);
  const whoami = (token: string) => api.http.get('/api/v1/whoami').set('X-API-Token', token);

  it('revokes the calling token, whatever its scopes, and refuses it from then on, that call included', async () => {
    const created = await generate('CI job', { scopes: ['read_api'] });
    const other = await generate('laptop');

    const answer = await revokeSelf(created.token).expect(204);
    expect(answer.text).toBe('');
    expect((await whoami(created.token).expect(401)).body).toMatchObject({ code: 'token_revoked' });
    const again = await revokeSelf(created.token).expect(401);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'token_revoked' });
    await whoami(other.token).expect(200);

    const events = await trail(created.id);
    expect(events.map((event) => event.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
    expect(events[1].data).toMatchObject({ tokenId: created.id, revokedBy: 'alice', reason: 'self_revoked' });
    const listed = await api.http.get(`/api/v1/tokens/${created.id}`).set(as(alice)).expect(200);
    expect(listed.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
  });

  it('takes only an X-API-Token: none, a malformed one or a user JWT is refused and revokes nothing', async () => {
    const created = await generate('kept');
    expect((await api.http.delete('/api/v1/token').expect(401)).body.code).toBe('token_missing');
    expect((await revokeSelf('pat_not-a-token').expect(401)).body.code).toBe('token_malformed');
    expect((await api.http.delete('/api/v1/token').set(as(alice)).expect(401)).body.code).toBe('token_missing');
    await whoami(created.token).expect(200);
    expect((await trail(created.id)).map((event) => event.type)).toEqual(['TokenGenerated']);
  });

  it('ends a rotated token within its overlap, and leaves its successor working', async () => {
    const created = await generate('deploy key');
    const successor = await api.http
      .post(`/api/v1/tokens/${created.id}/rotate`)
      .set(as(alice))
      .send({ overlapSeconds: 3600 })
      .expect(201);
    await whoami(created.token).expect(200);

    await revokeSelf(created.token).expect(204);
    expect((await whoami(created.token).expect(401)).body.code).toBe('token_revoked');
    await whoami(successor.body.token).expect(200);
    expect((await trail(created.id)).map((event) => event.type)).toEqual([
      'TokenGenerated',
      'TokenRotated',
      'TokenRevoked',
    ]);
  });

  it('answers another method with 405 and Allow: DELETE', async () => {
    const answer = await api.http.get('/api/v1/token').expect(405);
    expect(answer.headers['allow']).toBe('DELETE');
  });
});
