import { EventStoreDouble } from './eventstore-double/eventstore-double';
import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { dropTestDatabase, testMongoUrl, uniqueDatabaseName } from './support/mongo-test-database';
import { tempDataDir } from './support/temp-dir';
import { PRODUCTION_SECRETS, STORE_CONFIGURATION } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

/**
 * Needs `npm run build`. Two API processes on one EventStoreDB log (two test servers fronting
 * it, so that one process's subscription can be stalled alone) and one MongoDB read model.
 */
describe('an API process whose event-store subscription stalls', () => {
  const data = [tempDataDir('pat-partition-a'), tempDataDir('pat-partition-b')];
  const mongoUrl = testMongoUrl(uniqueDatabaseName('partition'));
  let log: EventStoreDouble;
  let stalled: EventStoreDouble;
  let a: ApiProcess;
  let b: ApiProcess;
  let jwt: string;

  beforeAll(async () => {
    expect(STORE_CONFIGURATION).toBe('eventstoredb+mongodb');
    log = new EventStoreDouble();
    await log.start({ port: 0 });
    stalled = new EventStoreDouble({ log: log.log });
    await stalled.start({ port: 0 });
    const env = { ...PRODUCTION_SECRETS, MONGO_URL: mongoUrl, READ_MODEL_MAX_LAG_MS: '1000' };
    [a, b] = await Promise.all([
      startProcess('api', { ...env, DATA_DIR: data[0].path, EVENTSTORE_URL: stalled.connectionString }),
      startProcess('api', { ...env, DATA_DIR: data[1].path, EVENTSTORE_URL: log.connectionString }),
    ]);
    jwt = await signUserJwt(PRODUCTION_SECRETS.AUTH_JWT_SECRET, { sub: 'pia', email: 'pia@example.com' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([stalled?.stop(), log?.stop()]);
    await dropTestDatabase(mongoUrl);
    for (const dir of data) dir.remove();
  });

  const readModelCurrent = async (api: ApiProcess): Promise<string | undefined> =>
    /^pat_read_model_current (\d)$/m.exec((await httpClient(api.url).get('/metrics')).text)?.[1];

  it('refuses a token revoked through another process once the revocation bound has passed, then recovers', async () => {
    const onA = httpClient(a.url);
    const onB = httpClient(b.url);
    const created = await onB.post('/api/v1/tokens', { name: 'revoked elsewhere' }, bearer(jwt));
    expect(created.status).toBe(201);
    const token = String(created.body.token);
    await eventually(async () => (await onA.get('/api/v1/whoami', apiToken(token))).status === 200, 10_000);
    await onA.get('/api/v1/whoami', apiToken(token));

    stalled.pauseSubscriptions();
    try {
      expect((await onB.delete(`/api/v1/tokens/${String(created.body.id)}`, bearer(jwt))).status).toBe(204);
      expect((await onB.get('/api/v1/whoami', apiToken(token))).body.code).toBe('token_revoked');

      await eventually(
        async () => (await onA.get('/api/v1/whoami', apiToken(token))).body.code === 'token_revoked',
        15_000,
      );
      const verify = await onA.get('/api/v1/auth/verify', apiToken(token));
      expect(verify.status).toBe(401);
      expect(await readModelCurrent(a)).toBe('0');
      const later = await onB.post('/api/v1/tokens', { name: 'generated during the stall' }, bearer(jwt));
      expect((await onA.get('/api/v1/whoami', apiToken(String(later.body.token)))).status).toBe(200);
    } finally {
      stalled.resumeSubscriptions();
    }

    await eventually(async () => (await readModelCurrent(a)) === '1', 15_000, 100);
    expect((await onA.get('/api/v1/whoami', apiToken(token))).body.code).toBe('token_revoked');
    const after = await onB.post('/api/v1/tokens', { name: 'after the stall' }, bearer(jwt));
    await eventually(
      async () => (await onA.get('/api/v1/whoami', apiToken(String(after.body.token)))).status === 200,
      10_000,
    );
    expect(a.output.some((line) => line.includes('Read model not known to be current'))).toBe(true);
  }, 90_000);
});
