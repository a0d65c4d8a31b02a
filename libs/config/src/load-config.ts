import { resolve } from 'node:path';
import type { AppConfig, UserAuthConfig } from './app-config';
import { ConfigError } from './config-error';
import { embeddedSecret } from './embedded-secret';
import { trustProxy } from './trust-proxy';

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks the configuration; a bad value throws a ConfigError naming its variable. */
export function loadConfig(env: Env): AppConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const eventStoreUrl = optionalUrl(read, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:']);
  const mongoUrl = optionalUrl(read, 'MONGO_URL', ['mongodb:', 'mongodb+srv:']);
  const dataDir = resolve(read('DATA_DIR') ?? './data');
  const generatedSecrets: string[] = [];
  const secret = (name: string, file: string): string => {
    const value = read(name);
    if (value !== undefined) {
      if (value.length < 16) throw new ConfigError(name, 'must be at least 16 characters');
      return value;
    }
    generatedSecrets.push(name);
    return embeddedSecret(dataDir, file);
  };

  const tokenPrefix = read('TOKEN_PREFIX') ?? 'pat';
  if (!/^[a-z0-9]{2,10}$/.test(tokenPrefix)) {
    throw new ConfigError('TOKEN_PREFIX', 'must be 2–10 lower-case letters or digits');
  }
  const maxLifetime = integer(read, 'TOKEN_MAX_LIFETIME_DAYS', 365, 1, 36_500);
  const webhookUrl = optionalUrl(read, 'NOTIFY_WEBHOOK_URL', ['http:', 'https:']);
  const webhookSecret = read('NOTIFY_WEBHOOK_SECRET') ?? null;
  if (webhookUrl !== null && webhookSecret === null) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', 'is required when NOTIFY_WEBHOOK_URL is set (webhooks are signed)');
  }

  const config: AppConfig = {
    host: read('HOST') ?? '127.0.0.1',
    port: integer(read, 'PORT', 3000, 0, 65_535),
    notifierPort: integer(read, 'NOTIFIER_PORT', 3001, 0, 65_535),
    dataDir,
    eventStoreUrl,
    mongoUrl,
    userAuth: userAuth(read, () => secret('AUTH_JWT_SECRET', 'auth-jwt-secret')),
    tokenPrefix,
    tokenPepper: secret('TOKEN_PEPPER', 'token-pepper'),
    tokenMaxLifetimeDays: maxLifetime,
    tokenAllowNoExpiry: boolean(read, 'TOKEN_ALLOW_NO_EXPIRY', false),
    noticeThresholdsDays: thresholds(read('NOTICE_THRESHOLDS_DAYS') ?? '7,1'),
    smtpUrl: optionalUrl(read, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read('MAIL_FROM') ?? 'PAT service <no-reply@localhost>',
    webhookUrl,
    webhookSecret,
    appUrl: optionalUrl(read, 'APP_URL', ['http:', 'https:']) ?? 'http://localhost:3000',
    logLevel: oneOf(read, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    expirySweepIntervalMs: integer(read, 'EXPIRY_SWEEP_INTERVAL_MS', 5000, 100, 60_000),
    sqliteBusyTimeoutMs: integer(read, 'SQLITE_BUSY_TIMEOUT_MS', 5000, 10, 60_000),
    authFailureLimit: integer(read, 'AUTH_FAILURE_LIMIT', 100, 0, 1_000_000),
    authFailureWindowSeconds: integer(read, 'AUTH_FAILURE_WINDOW_SECONDS', 60, 1, 86_400),
    trustProxy: trustProxy(read('TRUST_PROXY')),
    lastUsedFlushMs: integer(read, 'LAST_USED_FLUSH_MS', 60_000, 100, 3_600_000),
    auditStreamHeartbeatMs: integer(read, 'AUDIT_STREAM_HEARTBEAT_MS', 15_000, 100, 300_000),
    generatedSecrets,
  };
  return config;
}

type Read = (name: string) => string | undefined;

function userAuth(read: Read, hsSecret: () => string): UserAuthConfig {
  const jwksUrl = optionalUrl(read, 'AUTH_JWKS_URL', ['http:', 'https:']);
  if (jwksUrl === null) return { kind: 'secret', secret: hsSecret() };
  return { kind: 'jwks', jwksUrl, issuer: read('AUTH_JWT_ISSUER'), audience: read('AUTH_JWT_AUDIENCE') };
}

function integer(read: Read, name: string, fallback: number, min: number, max: number): number {
  const raw = read(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(read: Read, name: string, fallback: boolean): boolean {
  const raw = read(name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf(read: Read, name: string, allowed: string[], fallback: string): string {
  const raw = read(name) ?? fallback;
  if (!allowed.includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}`);
  return raw;
}

function optionalUrl(read: Read, name: string, protocols: string[]): string | null {
  const raw = read(name);
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: "${redactUrl(raw)}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function thresholds(raw: string): number[] {
  const days = raw.split(',').map((part) => part.trim());
  if (days.some((day) => !/^\d+$/.test(day) || Number(day) < 1)) {
    throw new ConfigError('NOTICE_THRESHOLDS_DAYS', `must be whole days ≥ 1 separated by commas, got "${raw}"`);
  }
  return [...new Set(days.map(Number))].sort((a, b) => b - a);
}

function redactUrl(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/, '//***@');
}
