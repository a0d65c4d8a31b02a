import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually, OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

/** Real processes, real time: a token expiring 65 s ahead, with two API processes running. */
describe('expiry on time', () => {
  const data = tempDataDir('pat-expiry');
  let processes: ApiProcess[] = [];
  let stores: TestStores;

  beforeAll(async () => {
    stores = await testStores(data.path);
    // The test polls an expired token about a hundred times a second: no refusal throttling here.
    const env = { ...stores.env, AUTH_FAILURE_LIMIT: '0' };
    processes = await Promise.all([startProcess('api', env), startProcess('api', env)]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await stores?.stop();
    data.remove();
  });

  it('refuses the token with token_expired from expiresAt on, and records TokenExpired once, after expiresAt', async () => {
    const jwt = await signUserJwt(userJwtSecret(stores.env), { sub: 'carol' });
    const [a, b] = processes.map((process) => httpClient(process.url));
    const expiresAt = Date.now() + 65_000;
    const created = await a.post(
      '/api/v1/tokens',
      { name: 'short-lived', expiresAt: new Date(expiresAt).toISOString() },
      bearer(jwt),
    );
    expect(created.status).toBe(201);
    const token = String(created.body.token);
    const id = String(created.body.id);

    await eventually(async () => (await b.get('/api/v1/whoami', apiToken(token))).status === 200);

    const outcomes: { sentAt: number; receivedAt: number; status: number; code?: string }[] = [];
    const sentAfterExpiry = (): number => outcomes.filter((outcome) => outcome.sentAt >= expiresAt).length;
    while (Date.now() < expiresAt + 3_000 || sentAfterExpiry() <= 20) {
      for (const client of [a, b]) {
        const sentAt = Date.now();
        const response = await client.get('/api/v1/whoami', apiToken(token));
        outcomes.push({ sentAt, receivedAt: Date.now(), status: response.status, code: response.body.code });
      }
      const untilExpiry = expiresAt - Date.now();
      await new Promise((resolve) => setTimeout(resolve, untilExpiry > 2_000 ? 1_000 : 25));
    }
    const before = outcomes.filter((outcome) => outcome.receivedAt < expiresAt);
    const after = outcomes.filter((outcome) => outcome.sentAt >= expiresAt);
    expect(before.length).toBeGreaterThan(20);
    expect(after.length).toBeGreaterThan(20);
    expect(before.filter((outcome) => outcome.status !== 200)).toEqual([]);
    expect(after.filter((outcome) => outcome.status !== 401 || outcome.code !== 'token_expired')).toEqual([]);

    let trail: { type: string; occurredAt: string }[] = [];
    await eventually(
      async () => {
        trail = (await b.get(`/api/v1/tokens/${id}/events`, bearer(jwt))).body.items as typeof trail;
        return trail.some((event) => event.type === 'TokenExpired');
      },
      OUTCOME_DEADLINE_MS + 15_000,
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    trail = (await a.get(`/api/v1/tokens/${id}/events`, bearer(jwt))).body.items as typeof trail;
    const expired = trail.filter((event) => event.type === 'TokenExpired');
    expect(expired).toHaveLength(1);
    expect(Date.parse(expired[0].occurredAt)).toBeGreaterThanOrEqual(expiresAt);
    const item = await a.get(`/api/v1/tokens/${id}`, bearer(jwt));
    expect(item.body).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
  }, 120_000);
});
