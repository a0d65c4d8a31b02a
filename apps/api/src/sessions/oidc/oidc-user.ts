import { emailAddress, type WebSessionUser } from '@pat/domain';

type Claims = Readonly<Record<string, unknown>>;

/**
 * The identity a provider's answer gives, as a JWT's would be read: `sub`, the email only when
 * the provider says it is verified, the roles from the configured claim (userinfo first, then
 * the ID token).
 */
export function oidcUser(idToken: Claims, userInfo: Claims, rolesClaim: string): WebSessionUser {
  const claims = { ...idToken, ...userInfo };
  const roles = claims[rolesClaim];
  return {
    userId: String(idToken.sub),
    email: claims.email_verified === true ? emailAddress(claims.email) : null,
    roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [],
  };
}
