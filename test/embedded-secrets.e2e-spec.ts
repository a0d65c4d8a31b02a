import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

  it.each([
    ['an empty', ''],
    ['a short', 'too-short\n'],
  ])('refuses to start on %s secret file in DATA_DIR, naming the variable and the file', async (_, content) => {
    const weak = tempDataDir('pat-weak-secret');
    try {
      mkdirSync(join(weak.path, 'secrets'), { recursive: true });
      writeFileSync(join(weak.path, 'secrets', 'auth-jwt-secret'), content, { mode: 0o600 });
      await expect(startProcess('api', { DATA_DIR: weak.path })).rejects.toThrow(
        /Process exited with 1:[\s\S]*AUTH_JWT_SECRET: the secret in \S+auth-jwt-secret must be at least 32 characters/,
      );
    } finally {
      weak.remove();
    }
  });

  it('refuses to start in JWKS mode without an issuer and an audience', async () => {
    const idp = tempDataDir('pat-jwks-mode');
    try {
      const env = { DATA_DIR: idp.path, AUTH_JWKS_URL: 'https://idp.example.test/jwks.json' };
      await expect(startProcess('api', env)).rejects.toThrow(/AUTH_JWT_ISSUER: is required when AUTH_JWKS_URL is set/);
      await expect(startProcess('api', { ...env, AUTH_JWT_ISSUER: 'https://idp.example.test/' })).rejects.toThrow(
        /AUTH_JWT_AUDIENCE: is required/,
      );
    } finally {
      idp.remove();
    }
  });
});
