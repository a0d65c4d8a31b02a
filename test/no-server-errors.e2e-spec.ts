import { randomBytes, randomInt } from 'node:crypto';
import { startApi, type ApiHarness } from './support/api-harness';

/** However malformed the request, the answer is never a 5xx while the stores are up. */
describe('malformed requests never get a 5xx', () => {
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    api = await startApi();
    jwt = await api.userJwt('fuzz');
  });
  afterAll(() => api.close());

  const pick = <T>(options: T[]): T => options[randomInt(options.length)];
  const junk = (): string => randomBytes(randomInt(1, 64)).toString(pick(['hex', 'base64', 'latin1', 'utf8']));
  const value = (): unknown =>
    pick<() => unknown>([
      () => junk(),
      () => randomInt(-1e6, 1e6) / pick([1, 3, 7]),
      () => null,
      () => true,
      () => [junk()],
      () => ({ nested: junk() }),
      () => 'x'.repeat(randomInt(0, 300)),
      () => new Date(Date.now() + randomInt(-1e9, 1e9) * 100).toISOString(),
    ])();

  const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '') || 'x';

  it('survives 300 random requests', async () => {
    const paths = [
      '/api/v1/tokens',
      '/api/v1/tokens/',
      `/api/v1/tokens/${junk()}`,
      '/api/v1/whoami',
      '/api/v1/auth/verify',
      '/api/v1/tokens/00000000-0000-4000-8000-000000000000/events',
      '/health/ready',
      '/%ff',
      '/api/v1/tokens?status[]=x',
      `/api/v1/tokens/${'x'.repeat(randomInt(90, 4000))}`,
      `/api/v1/whoami?q=${'eyJ'.repeat(randomInt(100, 4000))}`,
      '/api/v1/audit/events?after=1.5',
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const method = pick(['get', 'post', 'delete', 'put', 'patch', 'options', 'head'] as const);
      const path = pick(paths).replace(/[^\x21-\x7e]/g, (character) => encodeURIComponent(character));
      let call = api.http[method](path);
      if (randomInt(3) > 0)
        call = call.set('Authorization', headerSafe(pick([`Bearer ${jwt}`, `Bearer ${junk()}`, junk()])));
      if (randomInt(2) > 0) call = call.set('X-API-Token', headerSafe(junk()));
      if (method === 'post' || method === 'put' || method === 'patch') {
        const body = pick([
          () => JSON.stringify({ name: value(), expiresInDays: value(), expiresAt: value(), extra: value() }),
          () => JSON.stringify(value()),
          () => junk(),
          () => '{"name":',
          () => {
            const depth = randomInt(30, 30_000);
            return `{"name": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
          },
        ])();
        call = call
          .set('Content-Type', pick(['application/json', 'text/plain', 'application/json; charset=latin1']))
          .send(body);
      }
      const response = await call;
      statuses.push(response.status);
      if (response.status >= 500)
        throw new Error(`${method.toUpperCase()} ${path} → ${response.status}: ${response.text}`);
    }
    expect(statuses.filter((status) => status >= 400 && status < 500).length).toBeGreaterThan(100);
  }, 60_000);
});
