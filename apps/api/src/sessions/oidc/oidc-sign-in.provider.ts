import type { Provider } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { OIDC_CALLBACK_PATH } from '../../infrastructure/logged-url';
import { OidcSignIn } from './oidc-sign-in';

export const OIDC_SIGN_IN = Symbol('OidcSignIn');

/** The provider sign-in, or null when no AUTH_OIDC_ISSUER is configured. */
export const oidcSignInProvider: Provider = {
  provide: OIDC_SIGN_IN,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): OidcSignIn | null => {
    const { authOidcIssuer, authOidcClientId, authOidcClientSecret } = config;
    if (authOidcIssuer === null || authOidcClientId === null || authOidcClientSecret === null) return null;
    return new OidcSignIn({
      issuer: new URL(authOidcIssuer),
      clientId: authOidcClientId,
      clientSecret: authOidcClientSecret,
      redirectUri: new URL(OIDC_CALLBACK_PATH, config.appUrl).href,
      rolesClaim: config.authOidcRolesClaim,
    });
  },
};
