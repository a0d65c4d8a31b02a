import { startProcess, type ApiProcess } from '../support/api-process';
import { bearer, httpClient } from '../support/http-client';
import { tempDataDir } from '../support/temp-dir';
import { STORE_CONFIGURATION, testStores, userJwtSecret, type TestStores } from '../support/test-stores';
import { signUserJwt } from '../support/user-jwt';
import { runSchemathesis, type FuzzPass } from './schemathesis-run';

/** Test cases per operation and phase; FUZZ_MAX_EXAMPLES raises it for a longer run. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 60);
/** A fixed seed keeps CI repeatable; FUZZ_SEED explores further. */
const SEED = process.env.FUZZ_SEED ?? '20261201';
const ADMIN_PATHS = '^/api/v1/(admin|audit)/';
const SELF_REVOKE_PATH = '/api/v1/token';
const PASS_TIMEOUT_MS = 10 * 60_000;

/**
 * The built API, probed by Schemathesis from its own OpenAPI document: generated valid and
 * invalid requests, with a user JWT, an admin JWT and an X-API-Token, and stateful sequences.
 * Every answer must be documented (status, content type, headers, schema), no request may get
 * a 5xx, invalid input must be refused and valid input accepted.
 */
describe(`the API against its OpenAPI document, fuzzed (${STORE_CONFIGURATION})`, () => {
  const data = tempDataDir('pat-fuzz');
  let stores: TestStores;
  let api: ApiProcess;
  let credentials: { user: string; admin: string; token: string };

  beforeAll(async () => {
    stores = await testStores(data.path);
    // Refusals are what a fuzzer sends most: the refusal throttle would answer most of them 429.
    // Audit streams end after a second, so that the fuzzer can read them through.
    api = await startProcess('api', {
      ...stores.env,
      AUTH_FAILURE_LIMIT: '0',
      AUDIT_STREAM_MAX_SECONDS: '1',
      AUDIT_STREAM_HEARTBEAT_MS: '100',
      LOG_LEVEL: 'warn',
    });
    const secret = userJwtSecret(stores.env);
    const user = await signUserJwt(secret, { sub: 'fuzz-user', email: 'fuzz@example.com', expiresIn: '2h' });
    const admin = await signUserJwt(secret, { sub: 'fuzz-admin', roles: ['admin'], expiresIn: '2h' });
    const created = await httpClient(api.url).post(
      '/api/v1/tokens',
      { name: 'fuzzing', expiresInDays: 1 },
      bearer(user),
    );
    if (created.status !== 201) throw new Error(`Could not create the fuzzing token: ${created.text}`);
    credentials = { user, admin, token: String(created.body.token) };
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await stores?.stop();
    data.remove();
  });

  const pass = (label: string, jwt: 'user' | 'admin', filters: string[]): FuzzPass => ({
    label,
    docsUrl: `${api.url}/api/docs-json`,
    env: { FUZZ_USER_JWT: credentials[jwt], FUZZ_API_TOKEN: credentials.token },
    filters,
    maxExamples: MAX_EXAMPLES,
    seed: SEED,
    reportDir: data.path,
  });

  it.each([
    // DELETE /api/v1/token revokes the calling token, the pass's only one: its e2e suite covers it.
    [
      'the user and token-holder operations, with a user JWT',
      'user',
      ['--exclude-path-regex', ADMIN_PATHS, '--exclude-path', SELF_REVOKE_PATH],
    ],
    ['the admin and audit operations, with an admin JWT', 'admin', ['--include-path-regex', ADMIN_PATHS]],
  ] as const)(
    'finds nothing wrong in %s',
    async (label, jwt, filters) => {
      const result = await runSchemathesis(pass(label, jwt, [...filters]));
      expect(result.failures).toEqual([]);
      expect({ exitCode: result.exitCode, output: result.exitCode === 0 ? '' : result.output }).toEqual({
        exitCode: 0,
        output: '',
      });
      expect(result.testCases).toBeGreaterThan(0);
    },
    PASS_TIMEOUT_MS,
  );
});
