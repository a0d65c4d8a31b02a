import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

type Env = Record<string, string | undefined>;

const PEPPER = 'a-production-pepper-0123456789abcdef';
const JWT_SECRET = 'a-production-jwt-secret-0123456789ab';
const WEBHOOK_SECRET = 'a-webhook-signing-key-0123456789abcd';
const ESDB = 'esdb://localhost:2113?tls=false';
const MONGO = 'mongodb://localhost:27017/pat';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pat-config-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const load = (env: Env = {}) => loadConfig({ DATA_DIR: dataDir, ...env });

function configError(env: Env): ConfigError {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  describe('defaults (embedded mode)', () => {
    it('uses the documented defaults', () => {
      const config = load();
      expect(config).toMatchObject({
        host: '127.0.0.1',
        port: 3000,
        notifierPort: 3001,
        dataDir,
        eventstoreUrl: null,
        mongoUrl: null,
        tokenPrefix: 'pat',
        tokenMaxLifetimeDays: 365,
        tokenAllowNoExpiry: false,
        tokenMaxActivePerUser: 100,
        noticeThresholdsDays: [7, 1],
        smtpUrl: null,
        smtpUser: null,
        smtpPassword: null,
        notifyWebhookUrl: null,
        notifyWebhookSecret: null,
        notifyWebhookAuthorization: null,
        appUrl: 'http://localhost:3000',
        logLevel: 'info',
        expirySweepIntervalMs: 5000,
        authFailureLimit: 100,
        authFailureWindowSeconds: 60,
        auditStreamHeartbeatMs: 15_000,
        auditStreamMaxSeconds: 3600,
        httpHeadersTimeoutMs: 10_000,
        httpRequestTimeoutMs: 30_000,
        httpKeepAliveTimeoutMs: 72_000,
        httpMaxConnections: 512,
        trustProxy: false,
        lastUsedFlushMs: 60_000,
        readModelMaxLagMs: 1000,
      });
      expect(config.userAuth.kind).toBe('secret');
    });

    it('generates AUTH_JWT_SECRET and TOKEN_PEPPER into DATA_DIR/secrets, mode 0600', () => {
      const config = load();
      const jwtFile = join(dataDir, 'secrets', 'auth-jwt-secret');
      const pepperFile = join(dataDir, 'secrets', 'token-pepper');
      expect(config.userAuth).toEqual({ kind: 'secret', secret: readFileSync(jwtFile, 'utf8') });
      expect(config.tokenPepper).toBe(readFileSync(pepperFile, 'utf8'));
      expect(config.tokenPepper).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(config.tokenPepper).not.toBe(readFileSync(jwtFile, 'utf8'));
      expect(statSync(jwtFile).mode & 0o777).toBe(0o600);
      expect(statSync(pepperFile).mode & 0o777).toBe(0o600);
    });

    it('reuses the generated secrets on the second load', () => {
      const first = load();
      const second = load();
      expect(second.tokenPepper).toBe(first.tokenPepper);
      expect(second.userAuth).toEqual(first.userAuth);
    });

    it('generates different secrets for different data directories', () => {
      const first = load();
      const otherDir = mkdtempSync(join(tmpdir(), 'pat-config-'));
      try {
        expect(loadConfig({ DATA_DIR: otherDir }).tokenPepper).not.toBe(first.tokenPepper);
      } finally {
        rmSync(otherDir, { recursive: true, force: true });
      }
    });

    it('resolves a relative DATA_DIR to an absolute path', () => {
      expect(loadConfig({ DATA_DIR: relative(process.cwd(), dataDir) }).dataDir).toBe(dataDir);
    });

    it('prefers secrets given in the environment and then writes none', () => {
      const config = load({ TOKEN_PEPPER: PEPPER, AUTH_JWT_SECRET: JWT_SECRET });
      expect(config.tokenPepper).toBe(PEPPER);
      expect(config.userAuth).toEqual({ kind: 'secret', secret: JWT_SECRET });
      expect(existsSync(join(dataDir, 'secrets'))).toBe(false);
    });

    it('treats empty and blank values as unset', () => {
      const config = load({ PORT: '', LOG_LEVEL: '   ', TOKEN_PREFIX: '', NOTICE_THRESHOLDS_DAYS: ' ' });
      expect(config).toMatchObject({ port: 3000, logLevel: 'info', tokenPrefix: 'pat', noticeThresholdsDays: [7, 1] });
    });
  });

  describe('given values', () => {
    it('reads every variable, trimming surrounding space', () => {
      const config = load({
        HOST: '0.0.0.0',
        PORT: ' 8080 ',
        NOTIFIER_PORT: '9091',
        TOKEN_PREFIX: 'glpat',
        TOKEN_MAX_LIFETIME_DAYS: '90',
        TOKEN_ALLOW_NO_EXPIRY: 'true',
        TOKEN_MAX_ACTIVE_PER_USER: '25',
        NOTICE_THRESHOLDS_DAYS: '1, 14 ,7,7',
        SMTP_URL: 'smtp://mail.local:25',
        SMTP_USER: 'pat-notifier',
        SMTP_PASSWORD: 'pw',
        MAIL_FROM: 'Tokens <tokens@example.com>',
        NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/pat',
        NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
        NOTIFY_WEBHOOK_AUTHORIZATION: 'Basic cGF0OnB3',
        APP_URL: 'https://pat.example.com',
        LOG_LEVEL: 'debug',
        EXPIRY_SWEEP_INTERVAL_MS: '1000',
        AUTH_FAILURE_LIMIT: '20',
        AUTH_FAILURE_WINDOW_SECONDS: '300',
        AUDIT_STREAM_HEARTBEAT_MS: '500',
        AUDIT_STREAM_MAX_SECONDS: '600',
        HTTP_HEADERS_TIMEOUT_MS: '5000',
        HTTP_REQUEST_TIMEOUT_MS: '20000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
        HTTP_MAX_CONNECTIONS: '2000',
        TRUST_PROXY: '10.0.0.0/8, 192.168.1.1,::1',
      });
      expect(config).toMatchObject({
        host: '0.0.0.0',
        port: 8080,
        notifierPort: 9091,
        tokenPrefix: 'glpat',
        tokenMaxLifetimeDays: 90,
        tokenAllowNoExpiry: true,
        tokenMaxActivePerUser: 25,
        noticeThresholdsDays: [14, 7, 1],
        smtpUrl: 'smtp://mail.local:25',
        smtpUser: 'pat-notifier',
        smtpPassword: 'pw',
        mailFrom: 'Tokens <tokens@example.com>',
        notifyWebhookUrl: 'https://hooks.example.com/pat',
        notifyWebhookSecret: WEBHOOK_SECRET,
        notifyWebhookAuthorization: 'Basic cGF0OnB3',
        appUrl: 'https://pat.example.com',
        logLevel: 'debug',
        expirySweepIntervalMs: 1000,
        authFailureLimit: 20,
        authFailureWindowSeconds: 300,
        auditStreamHeartbeatMs: 500,
        auditStreamMaxSeconds: 600,
        httpHeadersTimeoutMs: 5000,
        httpRequestTimeoutMs: 20_000,
        httpKeepAliveTimeoutMs: 65_000,
        httpMaxConnections: 2000,
        trustProxy: ['10.0.0.0/8', '192.168.1.1', '::1'],
      });
    });

    it.each([
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['yes', true],
      ['false', false],
      ['False', false],
      ['0', false],
      ['no', false],
    ])('reads TOKEN_ALLOW_NO_EXPIRY=%s as %p', (raw, expected) => {
      expect(load({ TOKEN_ALLOW_NO_EXPIRY: raw }).tokenAllowNoExpiry).toBe(expected);
    });

    it('reads AUTH_FAILURE_LIMIT=0 as throttling switched off', () => {
      expect(load({ AUTH_FAILURE_LIMIT: '0' }).authFailureLimit).toBe(0);
    });

    it('accepts a pepper of exactly 32 characters', () => {
      const pepper = 'abcdefgh'.repeat(4);
      expect(load({ TOKEN_PEPPER: pepper }).tokenPepper).toBe(pepper);
    });
  });

  describe('bad values', () => {
    it.each<[string, string]>([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['PORT', '0x50'],
      ['NOTIFIER_PORT', 'http'],
      ['NOTIFIER_PORT', '65536'],
      ['TOKEN_PREFIX', 'PAT'],
      ['TOKEN_PREFIX', 'p'],
      ['TOKEN_PREFIX', 'abcdefghijk'],
      ['TOKEN_PREFIX', 'pat_'],
      ['TOKEN_MAX_LIFETIME_DAYS', '0'],
      ['TOKEN_MAX_LIFETIME_DAYS', 'forever'],
      ['TOKEN_MAX_LIFETIME_DAYS', '36501'],
      ['TOKEN_ALLOW_NO_EXPIRY', 'maybe'],
      ['TOKEN_MAX_ACTIVE_PER_USER', '0'],
      ['TOKEN_MAX_ACTIVE_PER_USER', '10001'],
      ['TOKEN_MAX_ACTIVE_PER_USER', 'unlimited'],
      ['READ_MODEL_MAX_LAG_MS', '99'],
      ['READ_MODEL_MAX_LAG_MS', '60001'],
      ['NOTICE_THRESHOLDS_DAYS', '7,x'],
      ['NOTICE_THRESHOLDS_DAYS', '7,,1'],
      ['NOTICE_THRESHOLDS_DAYS', '0'],
      ['NOTICE_THRESHOLDS_DAYS', '-1'],
      ['NOTICE_THRESHOLDS_DAYS', '1.5'],
      ['EVENTSTORE_URL', 'http://x'],
      ['EVENTSTORE_URL', 'kurrentdb://localhost:2113'],
      ['EVENTSTORE_URL', 'not a url'],
      ['MONGO_URL', 'notaurl'],
      ['MONGO_URL', 'postgres://db/pat'],
      ['AUTH_JWKS_URL', 'ftp://idp/jwks'],
      ['SMTP_URL', 'http://mail'],
      ['NOTIFY_WEBHOOK_URL', 'hooks.example.com'],
      ['APP_URL', 'localhost:3000'],
      ['LOG_LEVEL', 'loud'],
      ['LOG_LEVEL', 'INFO'],
      ['EXPIRY_SWEEP_INTERVAL_MS', '10'],
      ['AUTH_FAILURE_LIMIT', '-1'],
      ['AUTH_FAILURE_LIMIT', 'many'],
      ['AUTH_FAILURE_LIMIT', '2.5'],
      ['AUTH_FAILURE_WINDOW_SECONDS', '0'],
      ['AUTH_FAILURE_WINDOW_SECONDS', '1m'],
      ['AUTH_FAILURE_WINDOW_SECONDS', '86401'],
      ['AUDIT_STREAM_HEARTBEAT_MS', '50'],
      ['AUDIT_STREAM_MAX_SECONDS', '0'],
      ['HTTP_HEADERS_TIMEOUT_MS', '0'],
      ['HTTP_REQUEST_TIMEOUT_MS', '0'],
      ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '0'],
      ['HTTP_MAX_CONNECTIONS', '0'],
      ['TRUST_PROXY', 'yes'],
      ['TRUST_PROXY', '0'],
      ['TRUST_PROXY', '10.0.0.0/33'],
      ['TRUST_PROXY', '10.0.0.1,proxy.local'],
    ])('refuses %s=%s with a ConfigError naming the variable', (variable, value) => {
      const error = configError({ [variable]: value });
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(new RegExp(`^${variable}: `));
    });

    it.each(['TOKEN_PEPPER', 'AUTH_JWT_SECRET', 'NOTIFY_WEBHOOK_SECRET'])(
      'refuses a %s shorter than 32 characters without echoing it',
      (name) => {
        const error = configError({ [name]: 'short-secret-31-characters-long', NOTIFY_WEBHOOK_URL: 'https://h.io' });
        expect(error.variable).toBe(name);
        expect(error.message).toMatch(/32/);
        expect(error.message).not.toContain('short-secret');
      },
    );

    it.each([
      ['a value of few distinct characters', 'ab'.repeat(20)],
      ['the placeholder of an example', 'change-me-to-at-least-32-characters-long'],
      ['the default EventStoreDB password', 'changeit-changeit-changeit-changeit-0123'],
    ])('refuses %s as a secret', (_, value) => {
      const error = configError({ TOKEN_PEPPER: value });
      expect(error.variable).toBe('TOKEN_PEPPER');
      expect(error.message).not.toContain(value);
    });

    it('refuses HTTP_HEADERS_TIMEOUT_MS longer than HTTP_REQUEST_TIMEOUT_MS, as the headers are part of the request', () => {
      const error = configError({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' });
      expect(error.variable).toBe('HTTP_HEADERS_TIMEOUT_MS');
      expect(error.message).toMatch(/HTTP_REQUEST_TIMEOUT_MS/);
      expect(load({ HTTP_HEADERS_TIMEOUT_MS: '10000', HTTP_REQUEST_TIMEOUT_MS: '10000' }).httpHeadersTimeoutMs).toBe(
        10_000,
      );
    });

    it('refuses NOTIFY_WEBHOOK_URL without NOTIFY_WEBHOOK_SECRET, as webhooks are signed', () => {
      const error = configError({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/pat' });
      expect(error.variable).toBe('NOTIFY_WEBHOOK_SECRET');
      expect(error.message).toMatch(/NOTIFY_WEBHOOK_URL/);
    });

    it.each([
      ['SMTP_URL', 'smtp://pat:hunter2@smtp.example.com:587', 'SMTP_USER and SMTP_PASSWORD'],
      ['SMTP_URL', 'smtps://apikey-hunter2@smtp.example.com', 'SMTP_USER and SMTP_PASSWORD'],
      ['NOTIFY_WEBHOOK_URL', 'http://user:hunter2@127.0.0.1:8080/hook', 'NOTIFY_WEBHOOK_AUTHORIZATION'],
      ['NOTIFY_WEBHOOK_URL', 'https://:hunter2@hooks.example.com/pat', 'NOTIFY_WEBHOOK_AUTHORIZATION'],
    ])('refuses %s with credentials in it (%s), naming where they go, never echoing them', (name, value, instead) => {
      const error = configError({ [name]: value, NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET });
      expect(error.variable).toBe(name);
      expect(error.message).toContain('must not carry credentials');
      expect(error.message).toContain(instead);
      expect(error.message).not.toContain('hunter2');
    });

    it.each<[Env, string, RegExp]>([
      [{ SMTP_URL: 'smtp://mail:25', SMTP_USER: 'pat' }, 'SMTP_USER', /SMTP_PASSWORD is not/],
      [{ SMTP_URL: 'smtp://mail:25', SMTP_PASSWORD: 'pw' }, 'SMTP_PASSWORD', /SMTP_USER is not/],
      [{ SMTP_USER: 'pat', SMTP_PASSWORD: 'pw' }, 'SMTP_USER', /SMTP_URL is not/],
      [{ NOTIFY_WEBHOOK_AUTHORIZATION: 'Bearer x' }, 'NOTIFY_WEBHOOK_AUTHORIZATION', /NOTIFY_WEBHOOK_URL is not/],
      [{ AUTH_OIDC_CLIENT_SECRET: 'pw' }, 'AUTH_OIDC_CLIENT_SECRET', /AUTH_OIDC_ISSUER is not/],
      [
        { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_ID: 'page' },
        'AUTH_OIDC_ISSUER',
        /AUTH_OIDC_CLIENT_SECRET is not/,
      ],
      [
        { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_SECRET: 'pw' },
        'AUTH_OIDC_ISSUER',
        /AUTH_OIDC_CLIENT_ID is not/,
      ],
    ])('refuses a credential of no use alone: %j', (env, name, problem) => {
      const error = configError(env);
      expect(error.variable).toBe(name);
      expect(error.message).toMatch(problem);
      expect(error.message).not.toMatch(/\bpw\b|Bearer x/);
    });

    it('reads the identity provider, over https, or http on this machine only', () => {
      const provider = { AUTH_OIDC_CLIENT_ID: 'page', AUTH_OIDC_CLIENT_SECRET: 'pw' };
      expect(load({ ...provider, AUTH_OIDC_ISSUER: 'https://id.example.com/realms/x' })).toMatchObject({
        authOidcIssuer: 'https://id.example.com/realms/x',
        authOidcClientId: 'page',
        authOidcClientSecret: 'pw',
        authOidcRolesClaim: 'roles',
      });
      expect(load({ ...provider, AUTH_OIDC_ISSUER: 'http://localhost:8080' }).authOidcIssuer).toBe(
        'http://localhost:8080',
      );
      const error = configError({ ...provider, AUTH_OIDC_ISSUER: 'http://id.example.com' });
      expect(error.variable).toBe('AUTH_OIDC_ISSUER');
      expect(error.problem).toContain('https://');
    });

    it('does not echo credentials of a malformed URL', () => {
      const error = configError({ MONGO_URL: 'mongo db://admin:hunter2@db/pat' });
      expect(error.variable).toBe('MONGO_URL');
      expect(error.message).not.toContain('hunter2');
    });
  });

  describe('production stores', () => {
    it.each([
      ['EVENTSTORE_URL', ESDB],
      ['MONGO_URL', MONGO],
    ])('with %s set and no secrets given, generates them into DATA_DIR and says so', (variable, url) => {
      const first = load({ [variable]: url });
      expect(first.generatedSecrets.sort()).toEqual(['AUTH_JWT_SECRET', 'TOKEN_PEPPER']);
      expect(readdirSync(join(dataDir, 'secrets')).sort()).toEqual(['auth-jwt-secret', 'token-pepper']);
      const again = load({ [variable]: url, AUTH_JWT_SECRET: JWT_SECRET });
      expect(again.generatedSecrets).toEqual(['TOKEN_PEPPER']);
      expect(again.tokenPepper).toBe(first.tokenPepper);
    });

    it('uses the given stores and secrets', () => {
      const config = load({
        EVENTSTORE_URL: ESDB,
        MONGO_URL: MONGO,
        TOKEN_PEPPER: PEPPER,
        AUTH_JWT_SECRET: JWT_SECRET,
      });
      expect(config).toMatchObject({
        eventstoreUrl: ESDB,
        mongoUrl: MONGO,
        tokenPepper: PEPPER,
        userAuth: { kind: 'secret', secret: JWT_SECRET },
        generatedSecrets: [],
      });
      expect(existsSync(join(dataDir, 'secrets'))).toBe(false);
    });

    it.each(['esdb+discover://cluster.local:2113', 'esdb://u:p@localhost:2113?tls=true&tlsCAFile=/certs/ca.crt'])(
      'accepts the event store URL %s',
      (url) => {
        expect(load({ EVENTSTORE_URL: url, TOKEN_PEPPER: PEPPER, AUTH_JWT_SECRET: JWT_SECRET }).eventstoreUrl).toBe(
          url,
        );
      },
    );

    it('accepts mongodb+srv URLs', () => {
      const url = 'mongodb+srv://cluster0.example.net/pat';
      expect(load({ MONGO_URL: url, TOKEN_PEPPER: PEPPER, AUTH_JWT_SECRET: JWT_SECRET }).mongoUrl).toBe(url);
    });
  });

  describe('AUTH_JWKS_URL', () => {
    const jwks = 'https://idp.example.com/.well-known/jwks.json';
    const identityProvider = {
      AUTH_JWKS_URL: jwks,
      AUTH_JWT_ISSUER: 'https://idp.example.com/',
      AUTH_JWT_AUDIENCE: 'pat-service',
    };

    it('selects jwks mode with issuer and audience', () => {
      const config = load({
        AUTH_JWKS_URL: jwks,
        AUTH_JWT_ISSUER: 'https://idp.example.com/',
        AUTH_JWT_AUDIENCE: 'pat-service',
      });
      expect(config.userAuth).toEqual({
        kind: 'jwks',
        jwksUrl: jwks,
        issuer: 'https://idp.example.com/',
        audience: 'pat-service',
      });
    });

    it.each([
      ['AUTH_JWT_ISSUER', { AUTH_JWT_AUDIENCE: 'pat-service' }],
      ['AUTH_JWT_AUDIENCE', { AUTH_JWT_ISSUER: 'https://idp.example.com/' }],
      ['AUTH_JWT_ISSUER', {}],
    ])('refuses to start without %s, as any issuer or client would be accepted', (variable, env) => {
      const error = configError({ AUTH_JWKS_URL: jwks, ...env });
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(/AUTH_JWKS_URL/);
    });

    it('generates no JWT secret, and says a given one is ignored', () => {
      const config = load({ ...identityProvider, AUTH_JWT_SECRET: JWT_SECRET });
      expect(config.userAuth.kind).toBe('jwks');
      expect(config.warnings).toEqual(['AUTH_JWT_SECRET is ignored: AUTH_JWKS_URL is set']);
      expect(existsSync(join(dataDir, 'secrets', 'auth-jwt-secret'))).toBe(false);
    });

    it('needs no AUTH_JWT_SECRET with production stores', () => {
      const config = load({ EVENTSTORE_URL: ESDB, TOKEN_PEPPER: PEPPER, ...identityProvider });
      expect(config.userAuth.kind).toBe('jwks');
    });
  });
  describe('secrets from files', () => {
    const secretFile = (content: string): string => {
      const file = join(dataDir, `given-${Math.random().toString(36).slice(2)}`);
      writeFileSync(file, content, { mode: 0o600 });
      return file;
    };

    it.each(['AUTH_JWT_SECRET', 'TOKEN_PEPPER'])('reads %s_FILE, trimmed, and generates nothing', (name) => {
      const config = load({ [`${name}_FILE`]: secretFile(`${PEPPER}\n`) });
      const value = name === 'TOKEN_PEPPER' ? config.tokenPepper : config.userAuth;
      expect(value).toEqual(name === 'TOKEN_PEPPER' ? PEPPER : { kind: 'secret', secret: PEPPER });
      expect(config.generatedSecrets).not.toContain(name);
    });

    it.each([
      ['an empty file', ''],
      ['a short one', 'short\n'],
      ['a placeholder', 'change-me-to-at-least-32-characters-long'],
    ])('holds a file to the rules of a secret: refuses %s, naming the _FILE variable', (_, content) => {
      const error = configError({ AUTH_JWT_SECRET_FILE: secretFile(content) });
      expect(error.variable).toBe('AUTH_JWT_SECRET_FILE');
    });

    it.each([
      ['SMTP_PASSWORD', 'smtpPassword', { SMTP_URL: 'smtp://mail:25', SMTP_USER: 'pat' }],
      [
        'NOTIFY_WEBHOOK_AUTHORIZATION',
        'notifyWebhookAuthorization',
        { NOTIFY_WEBHOOK_URL: 'https://h.io', NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET },
      ],
    ] as const)(
      'reads the credential %s, from the variable or its _FILE, of any length the issuer chose',
      (name, key, env) => {
        expect(load({ ...env, [`${name}_FILE`]: secretFile('pw\n') })[key]).toBe('pw');
        expect(load({ ...env, [name]: 'pw' })[key]).toBe('pw');
        expect(configError({ ...env, [`${name}_FILE`]: secretFile('\n') })).toMatchObject({
          variable: `${name}_FILE`,
          problem: 'must not be empty',
        });
      },
    );

    it('refuses a file that cannot be read', () => {
      const error = configError({ TOKEN_PEPPER_FILE: join(dataDir, 'missing') });
      expect(error.variable).toBe('TOKEN_PEPPER_FILE');
      expect(error.message).toMatch(/ENOENT/);
    });

    it('refuses a secret given both ways', () => {
      const error = configError({ TOKEN_PEPPER: PEPPER, TOKEN_PEPPER_FILE: secretFile(PEPPER) });
      expect(error.variable).toBe('TOKEN_PEPPER');
      expect(error.message).toMatch(/TOKEN_PEPPER_FILE/);
    });

    it.each([
      ['auth-jwt-secret', 'AUTH_JWT_SECRET', ''],
      ['auth-jwt-secret', 'AUTH_JWT_SECRET', '\n'],
      ['token-pepper', 'TOKEN_PEPPER', 'short-pepper'],
    ])('fails closed on a weak DATA_DIR/secrets/%s, naming %s and the file', (file, name, content) => {
      mkdirSync(join(dataDir, 'secrets'), { recursive: true });
      writeFileSync(join(dataDir, 'secrets', file), content, { mode: 0o600 });
      const error = configError({});
      expect(error.variable).toBe(name);
      expect(error.message).toContain(join(dataDir, 'secrets', file));
    });
  });
});
