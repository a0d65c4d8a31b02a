import type { ScopeDefinition } from '@pat/domain';
import type { ConfigVariables } from './config-schema';

export type UserAuthConfig =
  { kind: 'secret'; secret: string } | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

type ResolvedVariables =
  | 'authJwtSecret'
  | 'authJwksUrl'
  | 'authJwtIssuer'
  | 'authJwtAudience'
  | 'tokenPepper'
  | 'tokenScopes'
  | 'tokenScopesFile';

/** The configuration: the variables as the schema yields them, with the secrets and the scopes resolved. */
export type AppConfig = Omit<ConfigVariables, ResolvedVariables> & {
  userAuth: UserAuthConfig;
  tokenPepper: string;
  /** The scopes a token may carry, in the order declared (TOKEN_SCOPES, TOKEN_SCOPES_FILE). */
  tokenScopes: ScopeDefinition[];
  /** Secrets not given in the environment, hence generated into (or read from) DATA_DIR/secrets. */
  generatedSecrets: string[];
  /** What a process should say at start about its configuration. */
  warnings: string[];
};
