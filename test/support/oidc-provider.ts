import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort, stopChild } from './api-process';
import { collectLines } from './output-lines';

/** The claims an account's sign-in gives, besides its `sub` (the login typed into the form). */
export interface OidcAccountClaims {
  email?: string;
  email_verified?: boolean;
  roles?: string[];
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The API's configuration for this provider. */
  env: Record<string, string>;
  output: string[];
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) in its own process, on localhost, with one
 * confidential client whose redirect URI is the given one, and the given accounts (on the given
 * port, or a free one).
 */
export async function startOidcProvider(
  redirectUri: string,
  accounts: Record<string, OidcAccountClaims>,
  port?: number,
): Promise<OidcTestProvider> {
  port ??= await freePort();
  const clientId = 'token-page';
  const clientSecret = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      CLIENT_ID: clientId,
      CLIENT_SECRET: clientSecret,
      REDIRECT_URI: redirectUri,
      ACCOUNTS: JSON.stringify(accounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output: string[] = [];
  const issuer = await new Promise<string>((resolve, reject) => {
    output = collectLines([child.stdout, child.stderr], (line) => {
      if (line.startsWith('ready ')) resolve(line.slice('ready '.length));
    });
    child.once('exit', (code) => reject(new Error(`The OIDC provider exited with ${code}:\n${output.join('\n')}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    env: { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: clientId, AUTH_OIDC_CLIENT_SECRET: clientSecret },
    output,
    stop: () => stopChild(child),
  };
}
