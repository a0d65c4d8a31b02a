import { ApiProperty } from '@nestjs/swagger';
import type { WebSession } from '@pat/domain';
import { csrfTokenOf } from './session-id';
import { sessionPrincipal } from './session-principal';

export class SessionUserResponse {
  @ApiProperty({ example: 'alice' }) userId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'alice@example.com' }) email!: string | null;
  @ApiProperty() isAdmin!: boolean;
}

/** The signed-in browser's session, as the page reads it. */
export class SessionResponse {
  @ApiProperty({ type: SessionUserResponse }) user!: SessionUserResponse;
  @ApiProperty({ description: 'Send as the X-CSRF-Token header with every request that changes anything' })
  csrfToken!: string;
  @ApiProperty({ format: 'date-time', description: 'The sign-in is over at this time, however it is used until then' })
  expiresAt!: string;

  static from(sessionId: string, session: WebSession): SessionResponse {
    const { userId, email, isAdmin } = sessionPrincipal(session);
    return {
      user: { userId, email, isAdmin },
      csrfToken: csrfTokenOf(sessionId),
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}

export class SignInMethodsResponse {
  @ApiProperty({
    description:
      'The local sign-in (user id and email, no password): only with no identity provider, on a loopback HOST',
  })
  local!: boolean;
  @ApiProperty({ description: 'Sign-in through the configured OpenID Connect provider' })
  oidc!: boolean;
}

export class ScopeResponse {
  @ApiProperty({ example: 'read_api' }) name!: string;
  @ApiProperty({ example: 'Read-only access' }) description!: string;
  @ApiProperty({ type: [String], description: 'Scopes a token granted this one is granted too' }) includes!: string[];
}

export class TokenPolicyResponse {
  @ApiProperty({ example: 30 }) defaultLifetimeDays!: number;
  @ApiProperty({ example: 365 }) maxLifetimeDays!: number;
  @ApiProperty({ description: 'Whether a token may be generated without an expiry' }) allowNoExpiry!: boolean;
  @ApiProperty({ type: 'integer', description: 'The longest overlap a rotation may ask for, in seconds' })
  maxRotationOverlapSeconds!: number;
  @ApiProperty({ type: [ScopeResponse], description: 'The scopes a token may carry, in the order declared' })
  scopes!: ScopeResponse[];
}

/** What the page needs before anyone signs in. */
export class SessionOptionsResponse {
  @ApiProperty({ type: SignInMethodsResponse }) signIn!: SignInMethodsResponse;
  @ApiProperty({ type: TokenPolicyResponse }) tokenPolicy!: TokenPolicyResponse;
  @ApiProperty({ format: 'uri', description: "The service's public URL (APP_URL)", example: 'http://localhost:3000' })
  apiUrl!: string;
}
