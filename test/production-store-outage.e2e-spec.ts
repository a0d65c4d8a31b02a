import { FerretDbServer } from './support/ferretdb';
import { startApi, type ApiHarness } from './support/api-harness';
import { eventually, OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { STORE_CONFIGURATION } from './support/test-stores';

/** EventStoreDB or MongoDB down: 503 store_unavailable, nothing accepted by mistake, recovery by itself. */
describe('production store outages', () => {
  let mongo: FerretDbServer;
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    expect(STORE_CONFIGURATION).toBe('eventstoredb+mongodb');
    mongo = await FerretDbServer.start();
    api = await startApi({ env: { MONGO_URL: mongo.url('outage') } });
    jwt = await api.userJwt('olga');
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await mongo?.dispose();
  });

  const generate = (name: string) =>
    api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name });

  it('with EventStoreDB down, writes answer 503 and token checks still read MongoDB; then it recovers', async () => {
    const kept = await generate('kept').expect(201);
    expect(api.config.eventstoreUrl).toMatch(/^esdb:/);
    const double = api.eventStore!;
    await double.stop();
    try {
      const refused = await generate('during the outage');
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('store_unavailable');
      expect(
        (await api.http.delete(`/api/v1/tokens/${kept.body.id}`).set('Authorization', `Bearer ${jwt}`)).status,
      ).toBe(503);
      expect(
        (await api.http.get(`/api/v1/tokens/${kept.body.id}/events`).set('Authorization', `Bearer ${jwt}`)).status,
      ).toBe(503);
      await api.http.get('/api/v1/whoami').set('X-API-Token', kept.body.token).expect(200);
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ready.body).toMatchObject({ code: 'store_unavailable', detail: expect.stringContaining('eventStore') });
      expect(ready.body.detail).not.toContain('readModel');
    } finally {
      await double.start();
    }
    const after = await generate('after the outage').expect(201);
    await api.http.get('/api/v1/whoami').set('X-API-Token', after.body.token).expect(200);
    await api.http.delete(`/api/v1/tokens/${kept.body.id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
    await api.http.get('/api/v1/whoami').set('X-API-Token', kept.body.token).expect(401);
    const names = (
      await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).expect(200)
    ).body.items.map((item: { name: string }) => item.name);
    expect(names).toEqual(['after the outage', 'kept']);
    await eventually(async () => (await api.http.get('/health/ready')).status === 200, OUTCOME_DEADLINE_MS, 200);
  }, 60_000);

  it('with MongoDB down, token checks and lists answer 503, never 200; then it recovers', async () => {
    const created = await generate('checked').expect(201);
    await mongo.stop();
    try {
      const check = await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token);
      expect(check.status).toBe(503);
      expect(check.body.code).toBe('store_unavailable');
      const verify = await api.http.get('/api/v1/auth/verify').set('X-API-Token', created.body.token);
      expect(verify.status).toBe(503);
      expect(verify.headers['x-auth-user-id']).toBeUndefined();
      expect((await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`)).status).toBe(503);
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'store_unavailable', detail: expect.stringContaining('readModel') });
      const metrics = await api.http.get('/metrics').expect(200);
      expect(metrics.text).toContain('pat_auth_checks_total{outcome="authenticated"}');
      expect(metrics.text).not.toMatch(/^pat_tokens\{/m);
    } finally {
      await mongo.restart();
    }
    await eventually(
      async () => (await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token)).status === 200,
      OUTCOME_DEADLINE_MS,
      250,
    );
    const later = await generate('after mongo came back').expect(201);
    await api.http.get('/api/v1/whoami').set('X-API-Token', later.body.token).expect(200);
    expect((await api.http.get('/metrics').expect(200)).text).toMatch(/^pat_tokens\{status="active"\} [1-9]/m);
  }, 60_000);
});
