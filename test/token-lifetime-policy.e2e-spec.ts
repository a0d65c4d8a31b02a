import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

/**
 * Needs `npm run build`. A lowered TOKEN_MAX_LIFETIME_DAYS as a rolling deploy meets it: a
 * process still on the old policy (365 days) and one on the new (90) share the stores.
 */
describe('lifetime policy at use', () => {
  const data = tempDataDir('pat-lifetime-policy');
  let stores: TestStores;
  let before: ApiProcess;
  let after: ApiProcess;
  let jwt: string;

  beforeAll(async () => {
    stores = await testStores(data.path);
    before = await startProcess('api', { ...stores.env, TOKEN_MAX_LIFETIME_DAYS: '365' });
    jwt = await signUserJwt(userJwtSecret(stores.env), { sub: 'carol', email: 'carol@example.com' });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([before?.stop(), after?.stop()]);
    await stores?.stop();
    data.remove();
  });

  it('refuses a token living longer than the lowered maximum as token_expired, naming the policy, and lists it so', async () => {
    const generate = async (expiresInDays: number) => {
      const created = await httpClient(before.url).post(
        '/api/v1/tokens',
        { name: `${expiresInDays} days`, expiresInDays },
        bearer(jwt),
      );
      expect(created.status).toBe(201);
      return { id: String(created.body.id), token: String(created.body.token) };
    };
    const long = await generate(300);
    const short = await generate(30);

    after = await startProcess('api', { ...stores.env, TOKEN_MAX_LIFETIME_DAYS: '90' });
    const [old, lowered] = [httpClient(before.url), httpClient(after.url)];

    const refused = await lowered.get('/api/v1/whoami', apiToken(long.token));
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      code: 'token_expired',
      detail: expect.stringContaining('TOKEN_MAX_LIFETIME_DAYS'),
    });

    await eventually(async () => (await old.get(`/api/v1/tokens/${long.id}`, bearer(jwt))).body.status === 'expired');
    expect((await old.get(`/api/v1/tokens/${long.id}`, bearer(jwt))).body).toMatchObject({
      status: 'expired',
      expiredByPolicy: true,
    });
    const onTheOldPolicy = await old.get('/api/v1/whoami', apiToken(long.token));
    expect(onTheOldPolicy.body).toMatchObject({ code: 'token_expired', detail: expect.stringContaining('policy') });

    for (const client of [old, lowered])
      expect((await client.get('/api/v1/whoami', apiToken(short.token))).status).toBe(200);
    expect((await lowered.get(`/api/v1/tokens/${short.id}`, bearer(jwt))).body).not.toHaveProperty('expiredByPolicy');

    const trail = await lowered.get(`/api/v1/tokens/${long.id}/events`, bearer(jwt));
    expect((trail.body.items ?? []).filter((item) => item.type === 'TokenExpired').map((item) => item.data)).toEqual([
      expect.objectContaining({ reason: 'lifetime_policy', maxLifetimeDays: 90 }),
    ]);
  }, 60_000);
});
