import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

/** Needs `npm run build`: these tests run the built API as separate OS processes. */
describe('API processes sharing one DATA_DIR', () => {
  const data = tempDataDir('pat-procs');
  let stores: TestStores;
  let env: Record<string, string>;
  const output: string[] = [];
  const plaintextTokens: string[] = [];
  const jwts: string[] = [];
  let first: ApiProcess;
  let second: ApiProcess;
  let jwt: string;

  beforeAll(async () => {
    stores = await testStores(data.path);
    env = { ...stores.env, LOG_LEVEL: 'trace' };
    [first, second] = await Promise.all([startProcess('api', env), startProcess('api', env)]);
    jwt = await signUserJwt(userJwtSecret(env), { sub: 'alice', email: 'alice@example.com' });
    jwts.push(jwt);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await stores?.stop();
    data.remove();
  });

  async function generate(via: ApiProcess, name: string): Promise<{ id: string; token: string }> {
    const created = await httpClient(via.url).post('/api/v1/tokens', { name }, bearer(jwt));
    expect(created.status).toBe(201);
    plaintextTokens.push(String(created.body.token));
    return { id: String(created.body.id), token: String(created.body.token) };
  }

  it("each sees the other's generate and revoke", async () => {
    const a = httpClient(first.url);
    const b = httpClient(second.url);
    const { id, token } = await generate(first, 'shared');
    await eventually(async () => (await b.get('/api/v1/whoami', apiToken(token))).status === 200);
    await eventually(async () => (await b.get(`/api/v1/tokens/${id}`, bearer(jwt))).status === 200);

    expect((await b.delete(`/api/v1/tokens/${id}`, bearer(jwt))).status).toBe(204);
    await eventually(async () => (await a.get('/api/v1/whoami', apiToken(token))).body.code === 'token_revoked');
    await eventually(async () => (await a.get(`/api/v1/tokens/${id}`, bearer(jwt))).body.status === 'revoked');
  });

  it('20 racing revokes across both processes give 20 × 204 and one TokenRevoked', async () => {
    const { id } = await generate(first, 'raced');
    await eventually(
      async () => (await httpClient(second.url).get(`/api/v1/tokens/${id}`, bearer(jwt))).status === 200,
    );
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        httpClient((index % 2 ? first : second).url)
          .delete(`/api/v1/tokens/${id}`, bearer(jwt))
          .then((response) => response.status),
      ),
    );
    expect(statuses).toEqual(Array(20).fill(204));
    const trail = await httpClient(first.url).get(`/api/v1/tokens/${id}/events`, bearer(jwt));
    expect(trail.body.items?.map((event) => event.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
  });

  it('a restart on the same DATA_DIR keeps tokens, revocations and audit trails', async () => {
    const kept = await generate(first, 'kept');
    const revoked = await generate(first, 'revoked');
    expect((await httpClient(first.url).delete(`/api/v1/tokens/${revoked.id}`, bearer(jwt))).status).toBe(204);
    const crashed = await generate(second, 'written just before a crash');

    await first.stop('SIGTERM');
    output.push(...first.output);
    await second.stop('SIGKILL');
    output.push(...second.output);
    first = await startProcess('api', env);
    second = await startProcess('api', env);

    const client = httpClient(first.url);
    expect((await client.get('/api/v1/whoami', apiToken(kept.token))).status).toBe(200);
    expect((await client.get('/api/v1/whoami', apiToken(crashed.token))).status).toBe(200);
    expect((await client.get('/api/v1/whoami', apiToken(revoked.token))).body.code).toBe('token_revoked');
    const list = await client.get('/api/v1/tokens', bearer(jwt));
    expect(list.body.items?.map((item) => item.name)).toEqual(
      expect.arrayContaining(['kept', 'revoked', 'written just before a crash', 'shared', 'raced']),
    );
    const trail = await httpClient(second.url).get(`/api/v1/tokens/${revoked.id}/events`, bearer(jwt));
    expect(trail.body.items?.map((event) => event.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
  }, 60_000);

  it('keeps no plaintext token in DATA_DIR, in any log line, or in any other response', async () => {
    const client = httpClient(second.url);
    const { token } = await generate(second, 'searched for');
    const responses = [
      await client.get('/api/v1/whoami', apiToken(token)),
      await client.get('/api/v1/auth/verify', apiToken(token)),
      await client.get('/api/v1/tokens', bearer(jwt)),
      await client.get('/metrics'),
      await client.get('/health/ready'),
      await client.get('/api/v1/whoami', apiToken(`${token.slice(0, -1)}x`)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const everything = [
      ...responses.map((response) => response.text),
      ...(await stores.contents()),
      ...output,
      ...first.output,
      ...second.output,
    ];
    expect(first.output.length + second.output.length).toBeGreaterThan(0);
    const tokenBodies = plaintextTokens.map((token) => token.slice(4));
    const jwtSignatures = jwts.map((jwt) => jwt.split('.')[2]);
    expect(tokenBodies.length).toBeGreaterThan(5);
    for (const secret of [...tokenBodies, ...jwtSignatures]) {
      for (const text of everything) {
        expect(text.includes(secret)).toBe(false);
      }
    }
    const logged = [...first.output, ...second.output];
    expect(logged.some((line) => line.includes('"url":"/api/v1/whoami"'))).toBe(true);
    expect(logged.some((line) => /x-api-token|authorization/i.test(line))).toBe(false);
  });
});
