import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, startProgram, type ApiProcess } from './support/api-process';
import { FerretDbServer } from './support/ferretdb';
import { bearer, httpClient, type JsonResponse } from './support/http-client';
import { eventually } from './support/outcome-deadline';
import { installPackedConsumer, type PackedConsumer } from './support/packed-consumer';
import { tempDataDir } from './support/temp-dir';
import { STORE_CONFIGURATION, testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

const CACHE_TTL_MS = 1000;
/** The stated bound (cacheTtlMs after the revoke's 204) and time for the poll itself. */
const REVOCATION_DEADLINE_MS = CACHE_TTL_MS + 1500;

/**
 * Needs `npm run build`. The guard package packed and installed into a project outside this
 * repository, its example service started from there against the PAT service's MongoDB read
 * model (and, in a second process, against its /auth/verify), next to the PAT API.
 */
describe('a NestJS service protected by the packed @pat/nest-guard', () => {
  const data = tempDataDir('pat-consumer-stores');
  let mongo: FerretDbServer;
  let stores: TestStores;
  let consumer: PackedConsumer;
  let api: ApiProcess;
  let byMongo: ApiProcess;
  let byVerify: ApiProcess;
  let alice: string;

  beforeAll(async () => {
    expect(STORE_CONFIGURATION).toBe('eventstoredb+mongodb');
    [consumer, mongo] = await Promise.all([installPackedConsumer(), FerretDbServer.start()]);
    stores = await testStores(data.path);
    const env: Record<string, string> = { ...stores.env, MONGO_URL: mongo.url('consumer'), LOG_LEVEL: 'warn' };
    api = await startProcess('api', env);
    const program = { main: consumer.main, cwd: consumer.dir };
    const common = { CACHE_TTL_MS: String(CACHE_TTL_MS), TOKEN_PREFIX: 'pat' };
    [byMongo, byVerify] = await Promise.all([
      startProgram(program, { ...common, MONGO_URL: env.MONGO_URL, TOKEN_PEPPER: env.TOKEN_PEPPER }, '/health'),
      startProgram(program, { ...common, PAT_VERIFY_URL: `${api.url}/api/v1/auth/verify` }, '/health'),
    ]);
    alice = await signUserJwt(userJwtSecret(env), { sub: 'alice', email: 'alice@example.com' });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([byMongo?.stop(), byVerify?.stop()]);
    await api?.stop();
    await stores?.stop();
    await mongo?.dispose();
    consumer?.remove();
    data.remove();
  });

  const generate = async (name: string, scopes: string[]): Promise<{ id: string; token: string }> => {
    const created = await httpClient(api.url).post('/api/v1/tokens', { name, scopes }, bearer(alice));
    expect(created.status).toBe(201);
    return { id: String(created.body.id), token: String(created.body.token) };
  };
  const read = (service: ApiProcess, token?: string): Promise<JsonResponse> =>
    httpClient(service.url).get('/reports', token === undefined ? {} : { 'x-api-token': token });
  const deploy = (service: ApiProcess, token: string): Promise<JsonResponse> =>
    httpClient(service.url).post('/deployments', { release: '1.2.3' }, { 'x-api-token': token });

  it('was installed from the tarball with nothing but its peers: no dependency of its own, no source', () => {
    const installed = join(consumer.dir, 'node_modules', '@pat', 'nest-guard');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies as object).sort()).toEqual([
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/passport',
      'mongoose',
      'passport',
      'passport-headerapikey',
    ]);
    expect(consumer.packedFiles).toContain('README.md');
    expect(consumer.packedFiles.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
  });

  describe.each([
    ['MongoDB (the read model)', () => byMongo],
    ['/auth/verify (verifyUrl)', () => byVerify],
  ])('reading tokens through %s', (_mode, service) => {
    it('lets a read_api token read, and refuses it the api route with 403 insufficient_scope', async () => {
      const reader = await generate('reports', ['read_api']);
      const reading = await read(service(), reader.token);
      expect([reading.status, reading.body]).toEqual([200, { reports: ['weekly', 'monthly'], readBy: 'alice' }]);
      const refused = await deploy(service(), reader.token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="api"');
      expect(refused.body).toMatchObject({
        status: 403,
        code: 'insufficient_scope',
        detail: 'The token lacks the scope api',
      });
    });

    it('lets an api token do both', async () => {
      const deployer = await generate('deployer', ['api']);
      expect((await read(service(), deployer.token)).status).toBe(200);
      const deployed = await deploy(service(), deployer.token);
      expect([deployed.status, deployed.body]).toEqual([201, { deployedBy: 'alice', release: '1.2.3' }]);
    });

    it('refuses a missing, a malformed and an unknown token with the PAT service’s codes, as problem+json', async () => {
      const unknown = new TokenFormat('pat').generate(randomBytes);
      const answers = [await read(service()), await read(service(), 'pat_typo'), await read(service(), unknown)];
      expect(answers.map((answer) => [answer.status, answer.body.code])).toEqual([
        [401, 'token_missing'],
        [401, 'token_malformed'],
        [401, 'token_invalid'],
      ]);
      for (const answer of answers) expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it(`refuses a token within ${CACHE_TTL_MS} ms (cacheTtlMs) of its revocation, with token_revoked`, async () => {
      const revoked = await generate('revoked soon', ['read_api']);
      expect((await read(service(), revoked.token)).status).toBe(200);
      const answered = await httpClient(api.url).delete(`/api/v1/tokens/${revoked.id}`, bearer(alice));
      expect(answered.status).toBe(204);
      await eventually(async () => (await read(service(), revoked.token)).status === 401, REVOCATION_DEADLINE_MS, 50);
      expect((await read(service(), revoked.token)).body.code).toBe('token_revoked');
    });

    it(`refuses a suspended token within ${CACHE_TTL_MS} ms with token_suspended, and accepts it once reactivated`, async () => {
      const paused = await generate('paused soon', ['read_api']);
      expect((await read(service(), paused.token)).status).toBe(200);
      const suspended = await httpClient(api.url).post(`/api/v1/tokens/${paused.id}/suspend`, {}, bearer(alice));
      expect(suspended.status).toBe(200);
      await eventually(async () => (await read(service(), paused.token)).status === 401, REVOCATION_DEADLINE_MS, 50);
      expect((await read(service(), paused.token)).body.code).toBe('token_suspended');
      const reactivated = await httpClient(api.url).post(`/api/v1/tokens/${paused.id}/reactivate`, {}, bearer(alice));
      expect(reactivated.status).toBe(200);
      await eventually(async () => (await read(service(), paused.token)).status === 200, REVOCATION_DEADLINE_MS, 50);
    });
  });

  it('answers 503 store_unavailable while MongoDB is down, never 200, and recovers by itself', async () => {
    const reader = await generate('through the outage', ['read_api']);
    expect((await read(byMongo, reader.token)).status).toBe(200);
    await mongo.stop();
    try {
      for (const service of [byMongo, byVerify]) {
        const answer = await read(service, reader.token);
        expect([answer.status, answer.body.code]).toEqual([503, 'store_unavailable']);
        expect(answer.headers.get('retry-after')).toBe('5');
      }
    } finally {
      await mongo.restart();
    }
    for (const service of [byMongo, byVerify]) {
      await eventually(async () => (await read(service, reader.token)).status === 200, 20_000, 250);
    }
  });
});
