import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { startProcess, type ApiProcess } from './support/api-process';
import { bearer, httpClient } from './support/http-client';
import {
  gatewayGet,
  gatewayStatusForRawToken,
  startNginxGateway,
  type GatewayAnswer,
  type NginxGateway,
} from './support/nginx-gateway';
import { tempDataDir } from './support/temp-dir';
import { testStores, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

/**
 * Needs `npm run build` and nginx: the built API behind a real nginx (`auth_request`), which
 * runs the README's configuration with only the ports changed.
 */
describe('behind nginx, configured as the README shows', () => {
  const data = tempDataDir('pat-gateway');
  let stores: TestStores;
  let api: ApiProcess;
  let gateway: NginxGateway;
  const tokens = new Map<string, { token: string; id: string }>();
  const forged = (): string => new TokenFormat('pat').generate(randomBytes);
  const withToken = (token: string): Record<string, string> => ({ 'x-api-token': token });

  beforeAll(async () => {
    stores = await testStores(data.path);
    api = await startProcess('api', { ...stores.env, TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn' });
    gateway = await startNginxGateway(api.port);
    for (const userId of ['alice', 'ålice', '用户']) {
      const jwt = await signUserJwt(userJwtSecret(stores.env), { sub: userId });
      const created = await httpClient(api.url).post('/api/v1/tokens', { name: 'gateway' }, bearer(jwt));
      expect(created.status).toBe(201);
      tokens.set(userId, { token: String(created.body.token), id: String(created.body.id) });
    }
    const readerJwt = await signUserJwt(userJwtSecret(stores.env), { sub: 'reader' });
    const reader = await httpClient(api.url).post(
      '/api/v1/tokens',
      { name: 'reports', scopes: ['read_api'] },
      bearer(readerJwt),
    );
    expect([reader.status, reader.body.scopes]).toEqual([201, ['read_api']]);
    tokens.set('reader', { token: String(reader.body.token), id: String(reader.body.id) });
  }, 30_000);

  afterAll(async () => {
    await gateway?.stop();
    await api?.stop();
    await stores?.stop();
    data.remove();
  });

  const tokenOf = (userId: string): string => tokens.get(userId)!.token;

  it('lets a valid token through, handing the application the user and token ids, and not the token', async () => {
    const answer = await gatewayGet(gateway, { ...withToken(tokenOf('alice')), 'x-auth-user-id': 'root' });
    expect(answer.status).toBe(200);
    expect(answer.seen).toEqual({
      userId: 'alice',
      tokenId: tokens.get('alice')!.id,
      scopes: 'api read_api',
      apiToken: '',
      path: '/',
    });
  });

  it('lets a read_api token into the read_api location and refuses it the api one with 403 naming the scope', async () => {
    const reader = tokenOf('reader');
    const reports = await gatewayGet(gateway, withToken(reader), '127.0.0.5', '/reports/daily');
    expect([reports.status, reports.seen.scopes, reports.seen.path]).toEqual([200, 'read_api', '/reports/daily']);
    const deploy = await gatewayGet(gateway, withToken(reader), '127.0.0.5', '/deploy/now');
    expect(deploy.status).toBe(403);
    expect(deploy.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="api"');
    expect(deploy.seen).toEqual({});
    const anyToken = await gatewayGet(gateway, withToken(reader), '127.0.0.5', '/');
    expect([anyToken.status, anyToken.seen.userId]).toEqual([200, 'reader']);
  });

  it('lets an api token into both scoped locations', async () => {
    const deploy = await gatewayGet(gateway, withToken(tokenOf('alice')), '127.0.0.5', '/deploy/now');
    const reports = await gatewayGet(gateway, withToken(tokenOf('alice')), '127.0.0.5', '/reports/daily');
    expect([deploy.status, deploy.seen.path, reports.status, reports.seen.path]).toEqual([
      200,
      '/deploy/now',
      200,
      '/reports/daily',
    ]);
    expect(deploy.headers['www-authenticate']).toBeUndefined();
  });

  it('hands on a user id outside ASCII percent-encoded', async () => {
    const seen = [
      await gatewayGet(gateway, withToken(tokenOf('ålice'))),
      await gatewayGet(gateway, withToken(tokenOf('用户'))),
    ];
    expect(seen.map((answer) => [answer.status, answer.seen.userId])).toEqual([
      [200, '%C3%A5lice'],
      [200, '%E7%94%A8%E6%88%B7'],
    ]);
  });

  it('refuses a missing token, and one with a control character, with 401', async () => {
    expect((await gatewayGet(gateway, {}, '127.0.0.3')).status).toBe(401);
    for (const character of [0x01, 0x1b, 0x7f]) {
      const token = Buffer.concat([Buffer.from(forged().slice(0, 20)), Buffer.from([character]), Buffer.from('x')]);
      expect(await gatewayStatusForRawToken(gateway, token)).toBe(401);
    }
  });

  it('answers a flood of 150 forged tokens from one client with 401s, never a 500; past 100 with Retry-After', async () => {
    const answers: GatewayAnswer[] = [];
    for (let i = 0; i < 150; i++) answers.push(await gatewayGet(gateway, withToken(forged()), '127.0.0.2'));
    expect(answers.map((answer) => answer.status)).toEqual(new Array(150).fill(401));
    expect(answers.slice(0, 100).map((answer) => answer.headers['retry-after'])).toEqual(
      new Array(100).fill(undefined),
    );
    for (const answer of answers.slice(100)) expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(gateway.errorLog()).not.toMatch(/auth request unexpected status/);
  });

  it('still accepts valid tokens during the flood, and counts another client apart', async () => {
    const fromFlooder = await gatewayGet(gateway, withToken(tokenOf('alice')), '127.0.0.2');
    const fromAnother = await gatewayGet(gateway, withToken(tokenOf('用户')), '127.0.0.4');
    expect([fromFlooder.status, fromFlooder.seen.userId]).toEqual([200, 'alice']);
    expect([fromAnother.status, fromAnother.seen.userId]).toEqual([200, '%E7%94%A8%E6%88%B7']);
    const refusedElsewhere = await gatewayGet(gateway, withToken(forged()), '127.0.0.4');
    expect([refusedElsewhere.status, refusedElsewhere.headers['retry-after']]).toEqual([401, undefined]);
    const refusedAgain = await gatewayGet(gateway, withToken(forged()), '127.0.0.2');
    expect(refusedAgain.status).toBe(401);
    expect(refusedAgain.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  });

  it('answers 503 with Retry-After, not 500, while the API cannot be reached', async () => {
    await api.stop();
    const answer = await gatewayGet(gateway, withToken(tokenOf('alice')));
    expect([answer.status, answer.headers['retry-after']]).toEqual([503, '5']);
  });
});
