import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

/** Needs `npm run build`: two API processes on the same stores, writing last uses every 200 ms. */
describe('lastUsedAt', () => {
  const data = tempDataDir('pat-last-used');
  let stores: TestStores;
  let env: Record<string, string>;
  let first: ApiProcess;
  let second: ApiProcess;
  let jwt: string;

  beforeAll(async () => {
    stores = await testStores(data.path);
    env = { ...stores.env, LAST_USED_FLUSH_MS: '200', LOG_LEVEL: 'warn' };
    [first, second] = await Promise.all([startProcess('api', env), startProcess('api', env)]);
    jwt = await signUserJwt(userJwtSecret(env), { sub: 'carol' });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await stores?.stop();
    data.remove();
  });

  async function generate(name: string): Promise<{ id: string; token: string }> {
    const created = await httpClient(first.url).post('/api/v1/tokens', { name }, bearer(jwt));
    expect(created.status).toBe(201);
    return { id: String(created.body.id), token: String(created.body.token) };
  }

  const item = async (via: ApiProcess, id: string) =>
    (await httpClient(via.url).get(`/api/v1/tokens/${id}`, bearer(jwt))).body;

  it('is absent until the token is used, then set by the process that accepted it at once', async () => {
    const { id, token } = await generate('fresh');
    expect(await item(first, id)).not.toHaveProperty('lastUsedAt');
    await eventually(async () => (await httpClient(second.url).get('/api/v1/whoami', apiToken(token))).status === 200);
    const before = Date.now();
    expect((await httpClient(second.url).get('/api/v1/whoami', apiToken(token))).status).toBe(200);
    const seen = await item(second, id);
    expect(Date.parse(String(seen.lastUsedAt))).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(String(seen.lastUsedAt))).toBeLessThanOrEqual(Date.now());
  });

  it('reaches the other processes through the store, in the list and the item', async () => {
    const { id, token } = await generate('shared');
    const beforeUse = Date.now();
    await eventually(
      async () => (await httpClient(second.url).get('/api/v1/auth/verify', apiToken(token))).status === 200,
    );
    await eventually(async () => {
      const listed = await httpClient(first.url).get('/api/v1/tokens', bearer(jwt));
      const mine = listed.body.items?.find((candidate) => candidate.id === id);
      return typeof mine?.lastUsedAt === 'string';
    });
    expect(Date.parse(String((await item(first, id)).lastUsedAt))).toBeGreaterThanOrEqual(beforeUse);
  });

  it('shows the recent clients, address and User-Agent, newest first, from every process', async () => {
    const { id, token } = await generate('from here and there');
    const call = (via: ApiProcess, userAgent: string) =>
      httpClient(via.url).get('/api/v1/whoami', { ...apiToken(token), 'user-agent': userAgent });
    await eventually(async () => (await call(second, 'laptop/2.0')).status === 200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await call(first, 'ci-runner/1.0')).status).toBe(200);
    expect((await call(first, 'ci-runner/1.0')).status).toBe(200);
    await eventually(async () => ((await item(first, id)).recentClients as unknown[] | undefined)?.length === 2);
    const { recentClients, lastUsedAt } = await item(first, id);
    expect(recentClients).toEqual([
      { address: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'ci-runner/1.0', lastUsedAt },
      { address: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'laptop/2.0', lastUsedAt: expect.any(String) },
    ]);
    // The other process sees them once the first has written its uses (LAST_USED_FLUSH_MS).
    const listedBySecond = async () =>
      (await httpClient(second.url).get('/api/v1/tokens', bearer(jwt))).body.items?.find(
        (candidate) => candidate.id === id,
      )?.recentClients;
    await eventually(async () => ((await listedBySecond()) as unknown[] | undefined)?.length === 2);
    expect(await listedBySecond()).toEqual(recentClients);
  });

  it('is not moved by a refused token', async () => {
    const { id, token } = await generate('revoked later');
    await eventually(async () => (await httpClient(first.url).get('/api/v1/whoami', apiToken(token))).status === 200);
    const lastAccepted = String((await item(first, id)).lastUsedAt);
    expect((await httpClient(first.url).delete(`/api/v1/tokens/${id}`, bearer(jwt))).status).toBe(204);
    await eventually(async () => (await httpClient(first.url).get('/api/v1/whoami', apiToken(token))).status === 401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await item(first, id)).lastUsedAt).toBe(lastAccepted);
    expect((await item(second, id)).lastUsedAt).toBe(lastAccepted);
  });

  it('survives a restart: a stopping process writes what it has not written yet', async () => {
    const { id, token } = await generate('kept');
    const slow = await startProcess('api', { ...env, LAST_USED_FLUSH_MS: '3600000' });
    try {
      await eventually(async () => (await httpClient(slow.url).get('/api/v1/whoami', apiToken(token))).status === 200);
      const accepted = String((await item(slow, id)).lastUsedAt);
      expect((await item(first, id)).lastUsedAt).toBeUndefined();
      await slow.stop();
      expect((await item(first, id)).lastUsedAt).toBe(accepted);
    } finally {
      await slow.stop();
    }
  });
});
