import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess } from './support/api-process';
import { apiToken, bearer, httpClient } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { signUserJwt } from './support/user-jwt';

/** The embedded default generates its secrets into DATA_DIR, once, even when processes race. */
describe('embedded secrets', () => {
  const data = tempDataDir('pat-secrets');
  afterAll(() => data.remove());

  it('two processes starting at once on a new DATA_DIR share one JWT secret and one pepper', async () => {
    const processes = await Promise.all([
      startProcess('api', { DATA_DIR: data.path }),
      startProcess('api', { DATA_DIR: data.path }),
    ]);
    try {
      const secrets = join(data.path, 'secrets');
      expect(readdirSync(secrets).sort()).toEqual(['auth-jwt-secret', 'token-pepper']);
      expect(statSync(join(secrets, 'token-pepper')).mode & 0o777).toBe(0o600);
      const jwt = await signUserJwt(readFileSync(join(secrets, 'auth-jwt-secret'), 'utf8'), { sub: 'erin' });
      const [a, b] = processes.map((process) => httpClient(process.url));
      const created = await a.post('/api/v1/tokens', { name: 'shared secrets' }, bearer(jwt));
      expect(created.status).toBe(201);
      const token = String(created.body.token);
      await eventually(async () => (await b.get('/api/v1/whoami', apiToken(token))).status === 200);
      expect((await b.get('/api/v1/tokens', bearer(jwt))).status).toBe(200);
    } finally {
      await Promise.all(processes.map((process) => process.stop()));
    }
  }, 30_000);
});
