import type { WebSessionUser } from '@pat/domain';
import type { Configuration } from 'openid-client';
import type { OidcTransaction } from './oidc-transaction';
import { oidcUser } from './oidc-user';

type OpenIdClient = typeof import('openid-client');

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  rolesClaim: string;
}

const SCOPE = 'openid email profile';

/** The provider could not be asked (down, or its discovery document unreadable). */
export class OidcProviderUnavailable extends Error {}

/**
 * Sign-in through an OpenID Connect provider with openid-client: the authorization-code flow
 * with PKCE (S256), state and nonce, the client authenticated by HTTP Basic, the email and
 * roles read from userinfo. The provider's metadata is discovered once, and again after a
 * failure. openid-client is an ES module, loaded on first use (Node's require of ES modules).
 */
export class OidcSignIn {
  private configuration: Promise<Configuration> | null = null;

  constructor(private readonly settings: OidcSettings) {}

  async authorizationUrl(): Promise<{ url: URL; transaction: OidcTransaction }> {
    const { client, config } = await this.connected();
    const transaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url, transaction };
  }

  /** Who signed in, from the provider's callback: its code redeemed and its ID token checked. */
  async userOf(callbackUrl: URL, transaction: OidcTransaction): Promise<WebSessionUser> {
    const { client, config } = await this.connected();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (idToken === undefined) throw new Error('The provider answered without an ID token');
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    return oidcUser(idToken, userInfo, this.settings.rolesClaim);
  }

  private async connected(): Promise<{ client: OpenIdClient; config: Configuration }> {
    const client = await import('openid-client');
    this.configuration ??= this.discover(client);
    try {
      return { client, config: await this.configuration };
    } catch (error) {
      this.configuration = null;
      throw new OidcProviderUnavailable(`The identity provider could not be reached: ${String(error)}`);
    }
  }

  private discover(client: OpenIdClient): Promise<Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const insecure = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
    return client.discovery(issuer, clientId, undefined, client.ClientSecretBasic(clientSecret), {
      ...insecure,
      timeout: 10,
    });
  }
}
