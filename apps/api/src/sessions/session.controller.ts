import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiSecurity,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AppConfig } from '@pat/config';
import { emailAddress } from '@pat/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiJsonBodyProblems, ApiProblemResponse, ApiProblems } from '../docs/api-problems.decorator';
import { SESSION_SCHEME } from '../docs/session-auth';
import { ApiProblem } from '../http/api-problem.exception';
import { API_V1 } from '../http/api-prefix';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import { AUTH_REQUIRED } from '../auth/user-jwt-gate';
import { LocalSignInDto } from './local-sign-in.dto';
import { clearSessionCookie, SESSION_COOKIE, sessionIdOf, setSessionCookie } from './session-cookie';
import { crossOriginRefusal, csrfRefusal } from './session-csrf';
import { ADMIN_ROLE } from './session-principal';
import { SessionOptionsResponse, SessionResponse } from './session.response';
import { localSignInAllowed } from './sign-in-methods';
import { WebSessions } from './web-sessions';

const DEFAULT_LIFETIME_DAYS = 30;
const NO_LOCAL_SIGN_IN = new ApiProblem(
  'not_found',
  'The local sign-in is off here: sign in through the identity provider',
);

/** The token page's sign-in: what it may offer, the session it holds, and signing in and out. */
@ApiTags('session')
@Controller(`${API_V1}/session`)
export class SessionController {
  private readonly appOrigin: string;
  private readonly secureCookie: boolean;

  constructor(
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const appUrl = new URL(config.appUrl);
    this.appOrigin = appUrl.origin;
    this.secureCookie = appUrl.protocol === 'https:';
  }

  @Get('options')
  @ApiOperation({ summary: 'How the page can sign in, and the token policy its form follows (no sign-in needed)' })
  @ApiOkResponse({ type: SessionOptionsResponse })
  options(): SessionOptionsResponse {
    const { config } = this;
    return {
      signIn: { local: localSignInAllowed(config), oidc: config.authOidcIssuer !== null },
      tokenPolicy: {
        defaultLifetimeDays: Math.min(DEFAULT_LIFETIME_DAYS, config.tokenMaxLifetimeDays),
        maxLifetimeDays: config.tokenMaxLifetimeDays,
        allowNoExpiry: config.tokenAllowNoExpiry,
        maxRotationOverlapSeconds: config.tokenRotationMaxOverlapSeconds,
        scopes: config.tokenScopes.map(({ name, description, includes }) => ({
          name,
          description,
          includes: [...includes],
        })),
      },
      apiUrl: config.appUrl.replace(/\/$/, ''),
    };
  }

  @Get()
  @Header('cache-control', 'no-store')
  @ApiCookieAuth(SESSION_SCHEME)
  @ApiOperation({ summary: "The signed-in browser's user, with the CSRF token its page sends with every change" })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(401, 503)
  async current(@Req() request: FastifyRequest): Promise<SessionResponse> {
    const sessionId = sessionIdOf(request);
    const session = sessionId === undefined ? null : await this.sessions.find(sessionId);
    if (sessionId === undefined || session === null) throw AUTH_REQUIRED;
    return SessionResponse.from(sessionId, session);
  }

  @Post('local')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Sign in as the user you name, without a password',
    description:
      'For the embedded default only: answered 404 when an identity provider is configured or HOST is not a loopback ' +
      'address. The request must come from the page (Origin), else 403 csrf_failed.',
  })
  @ApiCreatedResponse({
    type: SessionResponse,
    headers: {
      'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Strict`, schema: { type: 'string' } },
    },
  })
  @ApiJsonBodyProblems()
  @ApiProblemResponse(403, ['csrf_failed'])
  @ApiProblemResponse(404, ['not_found'])
  @ApiProblems(503)
  async signInLocally(
    @Body() body: LocalSignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    if (!localSignInAllowed(this.config)) throw NO_LOCAL_SIGN_IN;
    const refusal = crossOriginRefusal(request, this.appOrigin);
    if (refusal !== null) throw refusal;
    const email = body.email === undefined ? null : emailAddress(body.email);
    if (body.email !== undefined && email === null) {
      throw ApiProblem.validation([{ field: 'email', message: 'email must be an email address' }]);
    }
    const user = { userId: body.userId, email, roles: body.admin === true ? [ADMIN_ROLE] : [] };
    const { sessionId, session } = await this.sessions.start(user);
    setSessionCookie(reply, sessionId, session.expiresAt, this.secureCookie);
    return SessionResponse.from(sessionId, session);
  }

  @Delete()
  @HttpCode(204)
  @ApiCookieAuth(SESSION_SCHEME)
  @ApiSecurity({}) // signing out needs no session: without one there is nothing to end
  @ApiOperation({ summary: 'Sign out: the session ends on the server, and its cookie is cleared' })
  @ApiNoContentResponse({ description: 'Signed out (also when the session had already ended)' })
  @ApiProblemResponse(403, ['csrf_failed'])
  @ApiProblems(503)
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const sessionId = sessionIdOf(request);
    if (sessionId === undefined) return;
    const refusal = csrfRefusal(request, sessionId, this.appOrigin);
    if (refusal !== null) throw refusal;
    await this.sessions.end(sessionId);
    clearSessionCookie(reply, this.secureCookie);
  }
}
