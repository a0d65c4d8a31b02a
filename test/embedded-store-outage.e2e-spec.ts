import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startApi, type ApiHarness } from './support/api-harness';

/** Another process holding the embedded log's write lock longer than the busy timeout. */
describe('embedded store outage', () => {
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    api = await startApi({ env: { SQLITE_BUSY_TIMEOUT_MS: '200' } });
    jwt = await api.userJwt('outage');
  });
  afterAll(() => api.close());

  it('answers 503 store_unavailable while the log is locked, writes nothing, and recovers by itself', async () => {
    const kept = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'kept' })
      .expect(201);
    const locker = new Database(join(api.dataDir, 'events.sqlite'));
    locker.exec('BEGIN EXCLUSIVE');
    try {
      const generate = await api.http
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${jwt}`)
        .send({ name: 'lost?' });
      expect(`${generate.status} ${generate.text}`).toMatch(/^503 /);
      expect(generate.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(generate.headers['retry-after']).toBeDefined();
      expect(generate.body.code).toBe('store_unavailable');
      const revoke = await api.http.delete(`/api/v1/tokens/${kept.body.id}`).set('Authorization', `Bearer ${jwt}`);
      expect(revoke.status).toBe(503);
      await api.http.get('/api/v1/whoami').set('X-API-Token', kept.body.token).expect(200);
    } finally {
      locker.exec('COMMIT');
      locker.close();
    }
    const list = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(['kept']);
    await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name: 'after' }).expect(201);
    await api.http.delete(`/api/v1/tokens/${kept.body.id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
  });
});
