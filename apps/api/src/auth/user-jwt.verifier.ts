import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { emailAddress, type Clock } from '@pat/domain';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import { CLOCK } from '../infrastructure/clock.provider';
import type { UserPrincipal } from './principals';

/** How far the clocks of the service and of whoever signed a JWT may drift apart. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;

/** The instant from which the JWT the user came with is refused: its `exp`, plus the clock tolerance. */
export function credentialRefusedFrom(user: UserPrincipal): Date {
  return new Date(user.credentialExpiresAt.getTime() + JWT_CLOCK_TOLERANCE_SECONDS * 1000);
}

/**
 * Verifies user JWTs: HS256 with the configured secret, or RS256/ES256 against a JWKS with the
 * configured issuer and audience. Every JWT must expire (`exp`), and none may claim to be
 * issued in the future beyond the clock tolerance.
 */
@Injectable()
export class UserJwtVerifier {
  private readonly verifyJwt: (jwt: string, now: Date) => Promise<JWTVerifyResult>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const auth = config.userAuth;
    const common: JWTVerifyOptions = { requiredClaims: ['exp', 'sub'], clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS };
    if (auth.kind === 'secret') {
      const secret = new TextEncoder().encode(auth.secret);
      this.verifyJwt = (jwt, now) => jwtVerify(jwt, secret, { ...common, currentDate: now, algorithms: ['HS256'] });
    } else {
      const keys = createRemoteJWKSet(new URL(auth.jwksUrl));
      const options = { ...common, algorithms: ['RS256', 'ES256'], issuer: auth.issuer, audience: auth.audience };
      this.verifyJwt = (jwt, now) => jwtVerify(jwt, keys, { ...options, currentDate: now });
    }
  }

  /** The user a JWT names, or null when it is not valid. */
  async verify(jwt: string): Promise<UserPrincipal | null> {
    const now = this.clock.now();
    let payload: JWTPayload;
    try {
      payload = (await this.verifyJwt(jwt, now)).payload;
    } catch {
      return null;
    }
    const { sub, roles, exp, iat } = payload;
    if (typeof sub !== 'string' || sub.trim() === '' || exp === undefined) return null;
    if (iat !== undefined && iat > now.getTime() / 1000 + JWT_CLOCK_TOLERANCE_SECONDS) return null;
    return {
      userId: sub,
      email: payload.email_verified === false ? null : emailAddress(payload.email),
      isAdmin: Array.isArray(roles) && roles.includes('admin'),
      credentialExpiresAt: new Date(exp * 1000),
    };
  }
}
