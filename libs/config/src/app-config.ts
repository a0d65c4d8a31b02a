import type { TrustProxy } from './trust-proxy';

export type UserAuthConfig =
  { kind: 'secret'; secret: string } | { kind: 'jwks'; jwksUrl: string; issuer?: string; audience?: string };

export interface AppConfig {
  host: string;
  port: number;
  notifierPort: number;
  dataDir: string;
  /** Embedded when neither is set. */
  eventStoreUrl: string | null;
  mongoUrl: string | null;
  userAuth: UserAuthConfig;
  tokenPrefix: string;
  tokenPepper: string;
  tokenMaxLifetimeDays: number;
  tokenAllowNoExpiry: boolean;
  noticeThresholdsDays: number[];
  smtpUrl: string | null;
  mailFrom: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
  appUrl: string;
  logLevel: string;
  expirySweepIntervalMs: number;
  sqliteBusyTimeoutMs: number;
  /** Refused X-API-Tokens allowed per client address and window before 429; 0 disables. */
  authFailureLimit: number;
  authFailureWindowSeconds: number;
  /** Proxies whose X-Forwarded-For names the client address (for the refusal throttle and logs). */
  trustProxy: TrustProxy;
  /** How often each API process writes the last uses of tokens it accepted. */
  lastUsedFlushMs: number;
  /** How often an idle audit stream sends a comment line, so proxies keep it open. */
  auditStreamHeartbeatMs: number;
  /** Secrets not given in the environment, hence generated into (or read from) DATA_DIR/secrets. */
  generatedSecrets: string[];
}
