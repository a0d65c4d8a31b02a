import type { ConfigVariables } from './config-schema';

export type UserAuthConfig =
  { kind: 'secret'; secret: string } | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

type SecretVariables = 'authJwtSecret' | 'authJwksUrl' | 'authJwtIssuer' | 'authJwtAudience' | 'tokenPepper';

/** The configuration: the variables as the schema yields them, with the secrets resolved. */
export type AppConfig = Omit<ConfigVariables, SecretVariables> & {
  userAuth: UserAuthConfig;
  tokenPepper: string;
  /** Secrets not given in the environment, hence generated into (or read from) DATA_DIR/secrets. */
  generatedSecrets: string[];
  /** What a process should say at start about its configuration. */
  warnings: string[];
};
