import { SignJWT } from 'jose';

export interface JwtClaims {
  sub?: string;
  email?: string;
  roles?: string[];
  expiresIn?: string;
}

/** A user JWT signed with the service's HS256 secret, as `npm run dev:jwt` makes them. */
export function signUserJwt(secret: string, claims: JwtClaims): Promise<string> {
  const { sub, expiresIn = '1h', ...rest } = claims;
  let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn);
  if (sub !== undefined) jwt = jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(secret));
}
