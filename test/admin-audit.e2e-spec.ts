import { startApi, type ApiHarness } from './support/api-harness';

interface Created {
  id: string;
  token: string;
}

interface AuditItem {
  id: string;
  position: string;
  type: string;
  actor: string;
  tokenId: string;
  userId: string | null;
  data: Record<string, unknown>;
}

describe('audit log and admin API', () => {
  let api: ApiHarness;
  let root: string;
  let alice: string;
  let bob: string;
  let aliceOld: Created;
  let aliceNew: Created;
  let bobOne: Created;

  async function generate(jwt: string, name: string): Promise<Created> {
    const response = await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name });
    expect(response.status).toBe(201);
    return response.body as Created;
  }

  function audit(query: string, jwt = root) {
    return api.http.get(`/api/v1/audit/events${query}`).set('Authorization', `Bearer ${jwt}`);
  }

  function adminTokens(query: string, jwt = root) {
    return api.http.get(`/api/v1/admin/tokens${query}`).set('Authorization', `Bearer ${jwt}`);
  }

  async function walk(query: string): Promise<AuditItem[]> {
    const seen: AuditItem[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const cursor: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
      const response = await audit(`?limit=2${query}${cursor}`).expect(200);
      const onPage = response.body.items as AuditItem[];
      expect(onPage.length).toBeLessThanOrEqual(2);
      seen.push(...onPage);
      after = response.body.nextCursor as string | null;
      if (after === null) return seen;
    }
    throw new Error('the audit log did not end');
  }

  beforeAll(async () => {
    api = await startApi();
    root = await api.userJwt('root', { roles: ['admin'] });
    alice = await api.userJwt('alice');
    bob = await api.userJwt('bob');
    aliceOld = await generate(alice, 'old');
    aliceNew = await generate(alice, 'new');
    bobOne = await generate(bob, 'bob one');
    await api.http.delete(`/api/v1/tokens/${aliceOld.id}`).set('Authorization', `Bearer ${alice}`).expect(204);
  });
  afterAll(() => api.close());

  describe('GET /audit/events', () => {
    it('pages through the whole log with limit=2, oldest first, without overlap or gap', async () => {
      const all = await audit('?limit=500').expect(200);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items.map((item: AuditItem) => [item.type, item.tokenId, item.userId, item.actor])).toEqual([
        ['TokenGenerated', aliceOld.id, 'alice', 'alice'],
        ['TokenGenerated', aliceNew.id, 'alice', 'alice'],
        ['TokenGenerated', bobOne.id, 'bob', 'bob'],
        ['TokenRevoked', aliceOld.id, 'alice', 'alice'],
      ]);
      expect(all.body.items[0]).toEqual({
        id: expect.any(String),
        position: expect.any(String),
        type: 'TokenGenerated',
        occurredAt: expect.any(String),
        actor: 'alice',
        tokenId: aliceOld.id,
        userId: 'alice',
        data: expect.objectContaining({
          tokenId: aliceOld.id,
          userId: 'alice',
          name: 'old',
          schemaVersion: 3,
          scopes: ['api', 'read_api'],
        }),
      });

      const walked = await walk('');
      expect(walked).toEqual(all.body.items);
      expect(new Set(walked.map((item) => item.id)).size).toBe(walked.length);

      const last = walked[walked.length - 1].position;
      const rest = await audit(`?after=${encodeURIComponent(last)}`).expect(200);
      expect(rest.body).toEqual({ items: [], nextCursor: null });
      const fromSecond = await audit(`?after=${encodeURIComponent(walked[1].position)}`).expect(200);
      expect(fromSecond.body.items).toEqual(walked.slice(2));
    });

    it('filters by type, userId and tokenId, also across pages', async () => {
      const revoked = await audit('?type=TokenRevoked').expect(200);
      expect(revoked.body.items.map((item: AuditItem) => item.tokenId)).toEqual([aliceOld.id]);

      const bobs = await walk('&userId=bob');
      expect(bobs.map((item) => [item.type, item.tokenId])).toEqual([['TokenGenerated', bobOne.id]]);

      const oneToken = await walk(`&tokenId=${aliceOld.id}`);
      expect(oneToken.map((item) => item.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
      expect(oneToken.every((item) => item.userId === 'alice')).toBe(true);

      const both = await audit(`?userId=alice&type=TokenGenerated`).expect(200);
      expect(both.body.items.map((item: AuditItem) => item.tokenId)).toEqual([aliceOld.id, aliceNew.id]);
      const nobody = await audit('?userId=nobody').expect(200);
      expect(nobody.body).toEqual({ items: [], nextCursor: null });
    });

    it('never shows a digest or a token', async () => {
      const all = await audit('?limit=500').expect(200);
      const text = JSON.stringify(all.body);
      expect(text).not.toMatch(/tokenDigest/);
      for (const created of [aliceOld, aliceNew, bobOne]) expect(text).not.toContain(created.token);
    });

    it('answers a malformed cursor, limit or filter with 400 naming the field', async () => {
      const cases: [string, string][] = [
        ['?after=not-a-cursor', 'after'],
        ['?after=', 'after'],
        ['?limit=0', 'limit'],
        ['?limit=501', 'limit'],
        ['?limit=two', 'limit'],
        ['?limit=1.5', 'limit'],
        ['?type=TokenStolen', 'type'],
        ['?tokenId=42', 'tokenId'],
      ];
      for (const [query, field] of cases) {
        const response = await audit(query).expect(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.code).toBe('validation_failed');
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
    });
  });

  describe('who may use the admin routes', () => {
    const routes = (id: string): [string, string][] => [
      ['get', '/api/v1/audit/events'],
      ['get', '/api/v1/admin/tokens'],
      ['delete', `/api/v1/admin/tokens/${id}`],
    ];

    it('refuses a user without the admin role with 403 forbidden', async () => {
      for (const [method, path] of routes(bobOne.id)) {
        const response = await api.http[method as 'get' | 'delete'](path).set('Authorization', `Bearer ${alice}`);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('forbidden');
      }
      await api.http.get('/api/v1/whoami').set('X-API-Token', bobOne.token).expect(200);
    });

    it('refuses token holders and callers without a JWT with 401', async () => {
      for (const [method, path] of routes(bobOne.id)) {
        const call = (): ReturnType<ApiHarness['http']['get']> => api.http[method as 'get' | 'delete'](path);
        expect((await call()).status).toBe(401);
        const holder = await call().set('X-API-Token', aliceNew.token);
        expect([holder.status, holder.body.code]).toEqual([401, 'auth_required']);
        const asBearer = await call().set('Authorization', `Bearer ${aliceNew.token}`);
        expect([asBearer.status, asBearer.body.code]).toEqual([401, 'auth_invalid']);
      }
      await api.http.get('/api/v1/whoami').set('X-API-Token', bobOne.token).expect(200);
    });
  });

  it('documents the admin routes with their 403', async () => {
    const docs = await api.http.get('/api/docs-json').expect(200);
    const operations = [
      docs.body.paths['/api/v1/audit/events'].get,
      docs.body.paths['/api/v1/admin/tokens'].get,
      docs.body.paths['/api/v1/admin/tokens/{id}'].delete,
    ];
    for (const operation of operations) {
      expect(operation.responses['403'].description).toContain('forbidden');
      expect(operation.security).toEqual([{ 'user-jwt': [] }, { session: [] }]);
    }
  });

  describe('GET /admin/tokens', () => {
    it("lists every user's tokens newest first, with their owner", async () => {
      const response = await adminTokens('').expect(200);
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items.map((item: { id: string; userId: string }) => [item.id, item.userId])).toEqual([
        [bobOne.id, 'bob'],
        [aliceNew.id, 'alice'],
        [aliceOld.id, 'alice'],
      ]);
      expect(response.body.items[0]).toEqual({
        id: bobOne.id,
        userId: 'bob',
        name: 'bob one',
        tokenHint: expect.any(String),
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        scopes: ['api', 'read_api'],
        status: 'active',
        lastUsedAt: expect.any(String),
        recentClients: [
          { address: expect.stringMatching(/127\.0\.0\.1$/), userAgent: null, lastUsedAt: expect.any(String) },
        ],
      });
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/tokenDigest/);
      for (const created of [aliceOld, aliceNew, bobOne]) expect(text).not.toContain(created.token);
    });

    it('filters by userId and status', async () => {
      const alices = await adminTokens('?userId=alice').expect(200);
      expect(alices.body.items.map((item: { id: string }) => item.id)).toEqual([aliceNew.id, aliceOld.id]);
      const revoked = await adminTokens('?status=revoked').expect(200);
      expect(revoked.body.items.map((item: { id: string }) => item.id)).toEqual([aliceOld.id]);
      const active = await adminTokens('?userId=alice&status=active').expect(200);
      expect(active.body.items.map((item: { id: string }) => item.id)).toEqual([aliceNew.id]);
    });

    it('pages with an opaque cursor, without overlap or gap', async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const query: string = cursor === null ? '?limit=1' : `?limit=1&cursor=${cursor}`;
        const response = await adminTokens(query).expect(200);
        ids.push(...response.body.items.map((item: { id: string }) => item.id));
        cursor = response.body.nextCursor as string | null;
        if (cursor === null) break;
      }
      expect(ids).toEqual([bobOne.id, aliceNew.id, aliceOld.id]);
      const twoThenOne = await adminTokens('?limit=2').expect(200);
      const rest = await adminTokens(`?limit=2&cursor=${twoThenOne.body.nextCursor}`).expect(200);
      expect(rest.body).toMatchObject({ items: [{ id: aliceOld.id }], nextCursor: null });
    });

    it('answers a malformed cursor, limit or status with 400 naming the field', async () => {
      for (const [query, field] of [
        ['?cursor=garbage!', 'cursor'],
        ['?cursor=aGVsbG8', 'cursor'],
        ['?limit=0', 'limit'],
        ['?limit=many', 'limit'],
        ['?status=lost', 'status'],
      ]) {
        const response = await adminTokens(query).expect(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
    });
  });

  describe('DELETE /admin/tokens/:id', () => {
    it("revokes another user's token, naming the admin, idempotently", async () => {
      const carol = await api.userJwt('carol');
      const theirs = await generate(carol, 'carol ci');
      await api.http.get('/api/v1/whoami').set('X-API-Token', theirs.token).expect(200);

      await api.http.delete(`/api/v1/admin/tokens/${theirs.id}`).set('Authorization', `Bearer ${root}`).expect(204);
      const refused = await api.http.get('/api/v1/whoami').set('X-API-Token', theirs.token).expect(401);
      expect(refused.body.code).toBe('token_revoked');

      const owned = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${carol}`).expect(200);
      expect(owned.body.items).toEqual([
        expect.objectContaining({ id: theirs.id, status: 'revoked', revokedAt: expect.any(String) }),
      ]);

      await api.http.delete(`/api/v1/admin/tokens/${theirs.id}`).set('Authorization', `Bearer ${root}`).expect(204);
      const trail = await api.http
        .get(`/api/v1/tokens/${theirs.id}/events`)
        .set('Authorization', `Bearer ${carol}`)
        .expect(200);
      expect(trail.body.items.map((event: { type: string }) => event.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
      expect(trail.body.items[1].data).toMatchObject({ tokenId: theirs.id, revokedBy: 'root' });

      const audited = await audit(`?tokenId=${theirs.id}&type=TokenRevoked`).expect(200);
      expect(audited.body.items).toEqual([
        expect.objectContaining({
          actor: 'root',
          userId: 'carol',
          data: expect.objectContaining({ revokedBy: 'root' }),
        }),
      ]);
    });

    it('answers 404 for a missing token', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const response = await api.http.delete(`/api/v1/admin/tokens/${id}`).set('Authorization', `Bearer ${root}`);
        expect([response.status, response.body.code]).toEqual([404, 'token_not_found']);
      }
    });

    it("keeps the user route to the admin's own tokens", async () => {
      await api.http.delete(`/api/v1/tokens/${aliceNew.id}`).set('Authorization', `Bearer ${root}`).expect(404);
      await api.http.get('/api/v1/whoami').set('X-API-Token', aliceNew.token).expect(200);
    });
  });
});
