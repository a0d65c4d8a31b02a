import { SignJWT } from 'jose';

export interface JwtClaims {
  sub?: string;
  email?: string;
  email_verified?: boolean;
  roles?: string[];
  /** A jose time span (`1h`, `-1m`), or null for a JWT without `exp`. */
  expiresIn?: string | null;
  /** `iat`, in seconds since the epoch; now by default. */
  issuedAt?: number;
}

/** A user JWT signed with the service's HS256 secret, as `npm run dev:jwt` makes them. */
export function signUserJwt(secret: string, claims: JwtClaims): Promise<string> {
  const { sub, expiresIn = '1h', issuedAt, ...rest } = claims;
  let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(issuedAt);
  if (expiresIn !== null) jwt = jwt.setExpirationTime(expiresIn);
  if (sub !== undefined) jwt = jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(secret));
}
