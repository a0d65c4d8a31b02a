import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AppConfig, UserAuthConfig } from './app-config';
import { ConfigError } from './config-error';
import { variableDocs, variablesSchema, type ConfigVariables } from './config-schema';
import { declaredScopes } from './declared-scopes';
import { embeddedSecret } from './embedded-secret';
import { secretProblem } from './secret-rules';
import { fileVariableName, variableName } from './variable-names';

type Env = Record<string, string | undefined>;
type Key = keyof ConfigVariables;

/** Reads and checks the configuration; a bad value throws a ConfigError naming its variable. */
export function loadConfig(env: Env): AppConfig {
  const { input, sources } = readEnvironment(env);
  const parsed = variablesSchema.safeParse(input);
  if (!parsed.success) throw configError(parsed.error.issues[0], sources);
  const variables = parsed.data;
  checkCombinations(variables);
  const {
    authJwtSecret,
    authJwksUrl,
    authJwtIssuer,
    authJwtAudience,
    tokenPepper,
    tokenScopes,
    tokenScopesFile,
    ...rest
  } = variables;
  const generatedSecrets: string[] = [];
  const warnings: string[] = [];
  const given = (key: Key, value: string | undefined): string => {
    if (value !== undefined) return value;
    generatedSecrets.push(variableName(key));
    return generatedSecret(variables.dataDir, key);
  };
  let userAuth: UserAuthConfig;
  if (authJwksUrl !== null && authJwtIssuer !== null && authJwtAudience !== null) {
    userAuth = { kind: 'jwks', jwksUrl: authJwksUrl, issuer: authJwtIssuer, audience: authJwtAudience };
    if (authJwtSecret !== undefined) warnings.push('AUTH_JWT_SECRET is ignored: AUTH_JWKS_URL is set');
  } else {
    userAuth = { kind: 'secret', secret: given('authJwtSecret', authJwtSecret) };
  }
  const config: AppConfig = {
    ...rest,
    userAuth,
    tokenPepper: given('tokenPepper', tokenPepper),
    tokenScopes: declaredScopes(tokenScopes, tokenScopesFile),
    generatedSecrets,
    warnings,
  };
  if (config.eventstoreUrl !== null || config.mongoUrl !== null) {
    for (const name of generatedSecrets) {
      warnings.push(`${name} is not set: using the one in ${config.dataDir}/secrets; every process must share it`);
    }
  }
  return config;
}

/**
 * The schema's input: each variable's value, trimmed, with blank taken as unset. A secret may
 * come from `<NAME>_FILE` instead, and is then checked (and named in errors) as that variable.
 */
function readEnvironment(env: Env): { input: Record<string, string | undefined>; sources: Map<string, string> } {
  const input: Record<string, string | undefined> = {};
  const sources = new Map<string, string>();
  for (const key of Object.keys(variablesSchema.shape) as Key[]) {
    const name = variableName(key);
    const value = env[name]?.trim() || undefined;
    input[key] = value;
    if (variableDocs.get(variablesSchema.shape[key])?.secret !== true) continue;
    const fileName = fileVariableName(key);
    const file = env[fileName]?.trim();
    if (!file) continue;
    if (value !== undefined) throw new ConfigError(name, `set either ${name} or ${fileName}, not both`);
    input[key] = readSecretFile(fileName, file);
    sources.set(key, fileName);
  }
  return { input, sources };
}

function readSecretFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(variable, `cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function configError(issue: z.core.$ZodIssue, sources: Map<string, string>): ConfigError {
  const key = String(issue.path[0]);
  return new ConfigError(sources.get(key) ?? variableName(key), issue.message);
}

function checkCombinations(variables: ConfigVariables): void {
  if (variables.httpHeadersTimeoutMs > variables.httpRequestTimeoutMs) {
    throw new ConfigError(
      'HTTP_HEADERS_TIMEOUT_MS',
      `must not be longer than HTTP_REQUEST_TIMEOUT_MS (${variables.httpRequestTimeoutMs}): the headers are part of the request`,
    );
  }
  if (variables.notifyWebhookUrl !== null && variables.notifyWebhookSecret === null) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', 'is required when NOTIFY_WEBHOOK_URL is set (webhooks are signed)');
  }
  requires(variables, 'smtpUser', 'smtpPassword');
  requires(variables, 'smtpPassword', 'smtpUser');
  requires(variables, 'smtpUser', 'smtpUrl');
  requires(variables, 'notifyWebhookAuthorization', 'notifyWebhookUrl');
  requires(variables, 'authOidcIssuer', 'authOidcClientId');
  requires(variables, 'authOidcIssuer', 'authOidcClientSecret');
  requires(variables, 'authOidcClientId', 'authOidcIssuer');
  requires(variables, 'authOidcClientSecret', 'authOidcIssuer');
  if (variables.authOidcIssuer !== null && new URL(variables.authOidcIssuer).protocol === 'http:') {
    const { hostname } = new URL(variables.authOidcIssuer);
    if (!['localhost', '127.0.0.1', '[::1]'].includes(hostname)) {
      throw new ConfigError(
        'AUTH_OIDC_ISSUER',
        'must be https:// unless the provider runs on this machine (localhost)',
      );
    }
  }
  if (variables.authJwksUrl !== null) {
    for (const key of ['authJwtIssuer', 'authJwtAudience'] as const) {
      if (variables[key] === null) {
        throw new ConfigError(
          variableName(key),
          'is required when AUTH_JWKS_URL is set: without it a JWT that any client of the identity provider obtained would be accepted',
        );
      }
    }
  }
}

/** A variable that is of no use without another one: set alone, it is a mistake to report, not to ignore. */
function requires(variables: ConfigVariables, key: Key, needed: Key): void {
  if (variables[key] !== null && variables[needed] === null) {
    throw new ConfigError(variableName(key), `is set, but ${variableName(needed)} is not: set both, or neither`);
  }
}

/** A secret generated into DATA_DIR on first use, held to the rules of a given one. */
function generatedSecret(dataDir: string, key: Key): string {
  const name = variableName(key);
  const fileName = name.toLowerCase().replace(/_/g, '-');
  const value = embeddedSecret(dataDir, fileName);
  const problem = secretProblem(value);
  if (problem === null) return value;
  const file = join(dataDir, 'secrets', fileName);
  throw new ConfigError(
    name,
    `the secret in ${file} ${problem}; delete the file to have one generated, or set ${name}`,
  );
}
