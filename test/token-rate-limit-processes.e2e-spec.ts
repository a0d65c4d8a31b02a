import { startProcess, type ApiProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

const LIMIT = 20;
const SECONDS = 3;

/**
 * Needs `npm run build`. Two API processes behind an even spread (requests alternate between
 * them), each told TOKEN_RATE_LIMIT_PROCESSES=2: together they hold the token's limit.
 */
describe('per-token rate limit across two API processes', () => {
  const data = tempDataDir('pat-rate-limit');
  let stores: TestStores;
  let processes: ApiProcess[] = [];

  beforeAll(async () => {
    stores = await testStores(data.path);
    const env = { ...stores.env, TOKEN_RATE_LIMIT_PROCESSES: '2' };
    processes = await Promise.all([startProcess('api', env), startProcess('api', env)]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await stores?.stop();
    data.remove();
  });

  it(`accepts about ${LIMIT} requests a second in all, each process its half`, async () => {
    const jwt = await signUserJwt(userJwtSecret(stores.env), { sub: 'carol' });
    const clients = processes.map((process) => httpClient(process.url));
    const created = await clients[0].post(
      '/api/v1/tokens',
      { name: 'shared', maxRequestsPerSecond: LIMIT },
      bearer(jwt),
    );
    expect(created.status).toBe(201);
    const token = apiToken(String(created.body.token));
    await eventually(async () => (await clients[1].get('/api/v1/whoami', token)).status === 200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const accepted = [0, 0];
    const limited = [0, 0];
    const started = Date.now();
    for (let i = 0; Date.now() - started < SECONDS * 1000; i++) {
      const which = i % 2;
      const answer = await clients[which].get('/api/v1/whoami', token);
      if (answer.status === 200) accepted[which]++;
      else if (answer.status === 429 && answer.body.code === 'token_rate_limited') limited[which]++;
      else throw new Error(`unexpected answer ${answer.status} ${answer.text}`);
    }
    const seconds = (Date.now() - started) / 1000;
    const total = accepted[0] + accepted[1];
    // A full bucket (one second's worth, split) and then the rate: LIMIT × (1 + seconds) at most.
    expect(total).toBeLessThanOrEqual(Math.ceil(LIMIT * (1 + seconds)) + 2);
    expect(total).toBeGreaterThanOrEqual(Math.floor(LIMIT * seconds * 0.8));
    expect(limited[0] + limited[1]).toBeGreaterThan(total);
    for (const share of accepted) expect(Math.abs(share - total / 2)).toBeLessThanOrEqual(total * 0.2);
  }, 60_000);
});
