import { isScopeName, MAX_DECLARED_SCOPES, SCOPE_NAME_MAX_LENGTH, TOKEN_PREFIX_PATTERN } from '@pat/domain';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  credential,
  dayList,
  nameList,
  flag,
  oneOf,
  pattern,
  secret,
  text,
  trustProxyList,
  url,
  wholeNumber,
  wholeNumberIn,
  type VariableDoc,
} from './config-fields';

/** What the README table and `.env.example` say about each variable. */
export const variableDocs = z.registry<VariableDoc>();

const doc = <T extends z.ZodType>(schema: T, about: VariableDoc): T => {
  variableDocs.add(schema, about);
  return schema;
};
const unset = <T extends z.ZodType>(schema: T) => schema.optional().transform((value) => value ?? null);

const SERVER = 'HTTP server';
const STORES = 'Stores (unset: the embedded SQLite log and in-memory read model)';
const USERS = 'User (management) JWTs';
const TOKENS = 'Tokens';
const CHECKS = 'The X-API-Token check';
const NOTICES = 'Expiry notices';
const OPERATIONS = 'Operations';
const PAGE = 'The token page';

/**
 * Every environment variable, declared once. A key is the camelCase form of its variable's
 * name (`tokenMaxLifetimeDays` is `TOKEN_MAX_LIFETIME_DAYS`); the configuration's type is what
 * this schema yields.
 */
export const variablesSchema = z.object({
  port: doc(wholeNumber(0, 65_535, 3000), { group: SERVER, description: 'API HTTP port' }),
  host: doc(text().default('127.0.0.1'), {
    group: SERVER,
    description: 'bind address of the API and the notifier (set `0.0.0.0` in containers)',
  }),
  notifierPort: doc(wholeNumber(0, 65_535, 3001), { group: SERVER, description: "notifier's health/metrics port" }),
  httpHeadersTimeoutMs: doc(wholeNumber(100, 300_000, 10_000), {
    group: SERVER,
    description:
      "how long a client may take to send a request's line and headers; a slower one gets 408 and is disconnected",
  }),
  httpRequestTimeoutMs: doc(wholeNumber(100, 3_600_000, 30_000), {
    group: SERVER,
    description:
      'how long a client may take to send a whole request, body included; a slower one gets 408 and is disconnected (responses are not limited: an audit stream stays open)',
  }),
  httpKeepAliveTimeoutMs: doc(wholeNumber(1000, 600_000, 72_000), {
    group: SERVER,
    description:
      'how long an idle keep-alive connection stays open (longer than the 60 s idle timeout of common load balancers, so that they close idle connections first)',
  }),
  httpMaxConnections: doc(wholeNumber(1, 1_000_000, 512), {
    group: SERVER,
    description:
      'open connections per process (the API and the notifier each); a new one past it is closed at once, and idle keep-alive connections are closed to make room',
  }),
  dataDir: doc(
    text()
      .default('./data')
      .transform((dir) => resolve(dir)),
    { group: SERVER, description: 'embedded event log, notifier schedule and outbox, generated secrets' },
  ),

  eventstoreUrl: doc(unset(url(['esdb:', 'esdb+discover:'])), {
    group: STORES,
    description: 'selects EventStoreDB for the events',
    example: 'esdb://user:password@eventstore:2113?tls=true&tlsCAFile=/certs/ca/ca.crt',
  }),
  mongoUrl: doc(unset(url(['mongodb:', 'mongodb+srv:'])), {
    group: STORES,
    description: 'selects MongoDB for the read model',
    example: 'mongodb://user:password@mongo:27017/pat?authSource=admin',
  }),
  sqliteBusyTimeoutMs: doc(wholeNumber(10, 60_000, 5000), {
    group: STORES,
    description: "how long an embedded write waits for another process's lock before answering 503",
  }),

  authJwtSecret: doc(secret().optional(), {
    group: USERS,
    secret: true,
    shownDefault: 'generated into `DATA_DIR`',
    description: 'HS256 secret for user JWTs, at least 32 characters',
  }),
  authJwksUrl: doc(unset(url(['http:', 'https:'])), {
    group: USERS,
    description: "verify user JWTs (RS256/ES256) against an identity provider's keys instead",
    example: 'https://idp.example.com/.well-known/jwks.json',
  }),
  authJwtIssuer: doc(unset(text()), {
    group: USERS,
    description: 'the `iss` every user JWT must carry; required with `AUTH_JWKS_URL`',
    example: 'https://idp.example.com/',
  }),
  authJwtAudience: doc(unset(text()), {
    group: USERS,
    description: 'the `aud` every user JWT must carry; required with `AUTH_JWKS_URL`',
    example: 'pat-service',
  }),

  tokenPrefix: doc(pattern(TOKEN_PREFIX_PATTERN, '2–10 lower-case letters or digits').default('pat'), {
    group: TOKENS,
    description: 'token prefix, 2–10 lower-case letters and digits',
  }),
  tokenPepper: doc(secret().optional(), {
    group: TOKENS,
    secret: true,
    shownDefault: 'generated into `DATA_DIR`',
    description: 'server secret for the token digest, at least 32 characters',
  }),
  tokenMaxLifetimeDays: doc(wholeNumber(1, 36_500, 365), {
    group: TOKENS,
    description:
      'upper bound of any expiry; lowered, it ends the tokens generated before that live longer (`token_expired`, recorded with `reason: "lifetime_policy"`)',
  }),
  tokenAllowNoExpiry: doc(flag(false), {
    group: TOKENS,
    description: 'whether `expiresAt: null` (never expires) is accepted',
  }),
  tokenMaxActivePerUser: doc(wholeNumber(1, 10_000, 100), {
    group: TOKENS,
    description:
      'active tokens one user may have; one more is refused with 409 `token_limit_reached` until one is revoked or expires',
  }),
  tokenRotationMaxOverlapSeconds: doc(wholeNumber(0, 86_400, 86_400), {
    group: TOKENS,
    description:
      'the longest `overlapSeconds` a rotation may ask for: how long a rotated token keeps working beside its successor (at most 86400, 24 h; `0` allows no overlap)',
  }),
  tokenScopes: doc(
    nameList(isScopeName, `[a-z][a-z0-9_:.-]*, at most ${SCOPE_NAME_MAX_LENGTH} characters`, MAX_DECLARED_SCOPES),
    {
      group: TOKENS,
      shownDefault: '`api,read_api` (or the names in `TOKEN_SCOPES_FILE`)',
      description:
        'the scopes a token may carry, comma-separated; `api` (full access, includes `read_api`) and `read_api` (read-only) come with descriptions',
      example: 'api,read_api,deploy',
    },
  ),
  tokenScopesFile: doc(unset(text()), {
    group: TOKENS,
    description:
      'a JSON file describing the scopes: `{"deploy": "Deploy releases", "admin": {"description": "…", "includes": ["deploy"]}}`; alone, its names are the scopes',
    example: '/etc/pat/scopes.json',
  }),
  expirySweepIntervalMs: doc(wholeNumber(100, 60_000, 5000), {
    group: TOKENS,
    description: 'how often each API process records `TokenExpired` for tokens past their expiry',
  }),
  tokenIdleRevokeDays: doc(unset(wholeNumberIn(1, 36_500)), {
    group: TOKENS,
    shownDefault: 'unset (off)',
    description:
      'revoke an active token not used for this many days (one never used: counted from its generation), with `reason: "idle"`, and tell its owner as an expiry notice would',
    example: '90',
  }),
  tokenPolicySweepIntervalMs: doc(wholeNumber(100, 86_400_000, 600_000), {
    group: TOKENS,
    description:
      'how often (and once at start) each API process applies the token policies to the live tokens: expires those living longer than `TOKEN_MAX_LIFETIME_DAYS` or `TOKEN_ALLOW_NO_EXPIRY` now allows, revokes those unused for `TOKEN_IDLE_REVOKE_DAYS`',
  }),

  authFailureLimit: doc(wholeNumber(0, 1_000_000, 100), {
    group: CHECKS,
    description:
      'refused `X-API-Token`s (any `token_*` code) allowed per client and window; beyond it they are answered `too_many_requests` with `Retry-After` (429; 401 on `/api/v1/auth/verify`, for gateways); a valid token is never throttled; `0` switches it off',
  }),
  authFailureWindowSeconds: doc(wholeNumber(1, 86_400, 60), {
    group: CHECKS,
    description: 'the window of `AUTH_FAILURE_LIMIT`',
  }),
  trustProxy: doc(trustProxyList(), {
    group: CHECKS,
    description:
      'behind a reverse proxy, whose `X-Forwarded-For` names the client that `AUTH_FAILURE_LIMIT` counts and whose `X-Forwarded-Proto: https` earns an answer `Strict-Transport-Security`: comma-separated addresses/CIDRs of the proxies (best), or a hop count (the proxies in front, when the API cannot be reached but through them); `true` takes the leftmost `X-Forwarded-For` entry, which the client writes itself, so only for trying',
  }),
  tokenRateLimitProcesses: doc(wholeNumber(1, 1000, 1), {
    group: CHECKS,
    description:
      "how many API processes a token's requests are spread over (behind a load balancer): each process allows its share, `maxRequestsPerSecond` ÷ this, so the service as a whole holds the token's limit; 1 for one process",
  }),
  lastUsedFlushMs: doc(wholeNumber(100, 3_600_000, 60_000), {
    group: CHECKS,
    description: 'how often each API process writes when it last accepted each token (`lastUsedAt`)',
  }),
  readModelMaxLagMs: doc(wholeNumber(100, 60_000, 1000), {
    group: CHECKS,
    description:
      "the revocation bound: a revoke is refused by every API process within this time. A process that cannot confirm its read model is this current (its projection or its event-store connection stalled) stops trusting it: with MongoDB the check reads MongoDB instead of this process's cache; embedded, the check answers 503 `store_unavailable`",
  }),

  auditStreamHeartbeatMs: doc(wholeNumber(100, 300_000, 15_000), {
    group: OPERATIONS,
    description: 'how often an idle `GET /api/v1/audit/stream` sends a `: heartbeat` comment so proxies keep it open',
  }),
  auditStreamMaxSeconds: doc(wholeNumber(1, 86_400, 3600), {
    group: OPERATIONS,
    description:
      'how long one `GET /api/v1/audit/stream` stays open at most; it then ends with `event: end` (`reason` `max_lifetime`) and the client reconnects with `Last-Event-ID`',
  }),
  logLevel: doc(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'), {
    group: OPERATIONS,
    description: 'the least severe level written (pino levels)',
  }),
  logFormat: doc(oneOf(['auto', 'json', 'pretty'], 'auto'), {
    group: OPERATIONS,
    description:
      'log lines on stdout: `json` (one JSON object a line), `pretty` (one readable line each), or `auto`: pretty when stdout is a terminal, JSON otherwise (a file, a pipe, a container log)',
  }),

  noticeThresholdsDays: doc(dayList('7,1'), {
    group: NOTICES,
    description: 'expiry notices, in days before expiry, comma-separated',
  }),
  smtpUrl: doc(unset(url(['smtp:', 'smtps:'], 'SMTP_USER and SMTP_PASSWORD')), {
    group: NOTICES,
    description:
      'send notices by SMTP; unset writes `.eml` files to `DATA_DIR/outbox`; no credentials in it (`user:password@` is refused): they go in `SMTP_USER` and `SMTP_PASSWORD`',
    example: 'smtp://smtp.example.com:587',
  }),
  smtpUser: doc(unset(text()), {
    group: NOTICES,
    description: 'the user the notifier authenticates as to the SMTP server; requires `SMTP_URL` and `SMTP_PASSWORD`',
    example: 'pat-notifier',
  }),
  smtpPassword: doc(unset(credential()), {
    group: NOTICES,
    secret: true,
    description: "the password of `SMTP_USER`, as the mail server's operator issued it (any length)",
  }),
  mailFrom: doc(text().default('PAT service <no-reply@localhost>'), {
    group: NOTICES,
    description: 'the sender of notice mails',
  }),
  notifyWebhookUrl: doc(unset(url(['http:', 'https:'], 'NOTIFY_WEBHOOK_AUTHORIZATION')), {
    group: NOTICES,
    description:
      'also POST each notice as signed JSON to this URL; no credentials in it (`user:password@` is refused): a receiver that wants some gets `NOTIFY_WEBHOOK_AUTHORIZATION`',
    example: 'https://hooks.example.com/pat',
  }),
  notifyWebhookSecret: doc(unset(secret()), {
    group: NOTICES,
    secret: true,
    description: 'the key of the webhook signature, at least 32 characters; required with `NOTIFY_WEBHOOK_URL`',
  }),
  notifyWebhookAuthorization: doc(unset(credential()), {
    group: NOTICES,
    secret: true,
    description:
      'sent as the `Authorization` header of every webhook call, for a receiver that asks for one (`Bearer …`, `Basic …`); requires `NOTIFY_WEBHOOK_URL`',
  }),
  appUrl: doc(url(['http:', 'https:']).default('http://localhost:3000'), {
    group: NOTICES,
    description:
      'the public URL of the service: base of links in notices, and the origin the token page is served from',
  }),
  authOidcIssuer: doc(unset(url(['https:', 'http:'])), {
    group: PAGE,
    description:
      'the OpenID Connect provider the token page signs in with (its issuer URL; http only on a loopback host); unset: the local sign-in, on a loopback `HOST` only',
  }),
  authOidcClientId: doc(unset(text()), {
    group: PAGE,
    description: "the page's client id at that provider (redirect URI: `APP_URL` + `/api/v1/session/oidc/callback`)",
  }),
  authOidcClientSecret: doc(unset(credential()), {
    group: PAGE,
    secret: true,
    description: 'its client secret, sent as HTTP Basic (`client_secret_basic`)',
  }),
  authOidcRolesClaim: doc(text().default('roles'), {
    group: PAGE,
    description:
      "the claim (userinfo or ID token) that lists the user's roles; `admin` among them opens the admin views",
  }),
  webSessionHours: doc(wholeNumber(1, 720, 12), {
    group: PAGE,
    description: 'how long a sign-in to the token page lasts, from sign-in (use does not extend it)',
  }),
});

export type ConfigVariables = z.output<typeof variablesSchema>;
