import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyResult } from 'jose';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import type { UserPrincipal } from './principals';

/** Verifies user JWTs: HS256 with the configured secret, or RS256/ES256 against a JWKS. */
@Injectable()
export class UserJwtVerifier {
  private readonly verifyJwt: (jwt: string) => Promise<JWTVerifyResult>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const auth = config.userAuth;
    if (auth.kind === 'secret') {
      const secret = new TextEncoder().encode(auth.secret);
      this.verifyJwt = (jwt) => jwtVerify(jwt, secret, { algorithms: ['HS256'] });
    } else {
      const keys = createRemoteJWKSet(new URL(auth.jwksUrl));
      const options = { algorithms: ['RS256', 'ES256'], issuer: auth.issuer, audience: auth.audience };
      this.verifyJwt = (jwt) => jwtVerify(jwt, keys, options);
    }
  }

  /** The user a JWT names, or null when it is not valid. */
  async verify(jwt: string): Promise<UserPrincipal | null> {
    let result: JWTVerifyResult;
    try {
      result = await this.verifyJwt(jwt);
    } catch {
      return null;
    }
    const { sub, email, roles } = result.payload;
    if (typeof sub !== 'string' || sub.trim() === '') return null;
    return {
      userId: sub,
      email: typeof email === 'string' ? email : null,
      isAdmin: Array.isArray(roles) && roles.includes('admin'),
    };
  }
}
