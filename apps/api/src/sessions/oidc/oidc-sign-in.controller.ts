import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@pat/config';
import type { Clock } from '@pat/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import { ApiProblemResponse, ApiProblems } from '../../docs/api-problems.decorator';
import { ApiProblem } from '../../http/api-problem.exception';
import { API_V1 } from '../../http/api-prefix';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { setSessionCookie } from '../session-cookie';
import { WebSessions } from '../web-sessions';
import { OidcProviderUnavailable, type OidcSignIn } from './oidc-sign-in';
import { OIDC_SIGN_IN } from './oidc-sign-in.provider';
import { OIDC_TRANSACTION_COOKIE, OIDC_TRANSACTION_SECONDS, OidcTransactionCodec } from './oidc-transaction';

const TRANSACTION_PATH = `/${API_V1}/session/oidc`;
const SIGNED_IN = '/settings/tokens';
const NO_PROVIDER = new ApiProblem('not_found', 'No identity provider is configured here (AUTH_OIDC_ISSUER)');

/** Why a sign-in came back to the sign-in view, which says it in words. */
type SignInFailure = 'provider_unavailable' | 'sign_in_expired' | 'sign_in_failed';

const redirectTo = (description: string): MethodDecorator =>
  ApiResponse({ status: 302, description, headers: { Location: { schema: { type: 'string' } } } });

/**
 * Sign-in through the configured OpenID Connect provider: a browser's navigation, not an API
 * call, so each step answers with a redirect, to the provider, then to the tokens, or back to
 * the sign-in view naming what went wrong.
 */
@ApiTags('session')
@ApiProblemResponse(404, ['not_found'])
@Controller(TRANSACTION_PATH.slice(1))
export class OidcSignInController {
  private readonly codec: OidcTransactionCodec;
  private readonly secureCookies: boolean;

  constructor(
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.codec = new OidcTransactionCodec(createHmac('sha256', config.tokenPepper).update('oidc-transaction').digest());
    this.secureCookies = new URL(config.appUrl).protocol === 'https:';
  }

  @Get('start')
  @ApiOperation({ summary: "The page's Sign in link: off to the identity provider (AUTH_OIDC_ISSUER)" })
  @redirectTo("To the provider's authorization endpoint, or to /sign-in?error=provider_unavailable")
  async start(@Res() reply: FastifyReply): Promise<void> {
    const redirect = await this.configured()
      .authorizationUrl()
      .catch(() => null);
    if (redirect === null) return this.backToSignIn(reply, 'provider_unavailable');
    this.setTransactionCookie(
      reply,
      this.codec.encode(redirect.transaction, this.clock.now()),
      OIDC_TRANSACTION_SECONDS,
    );
    return this.redirect(reply, redirect.url.href);
  }

  @Get('callback')
  @ApiOperation({ summary: "The provider's way back: the code redeemed, a session started" })
  @ApiQuery({ name: 'code', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'state', required: false, schema: { type: 'string' } })
  @redirectTo('To /settings/tokens with the session cookie, or to /sign-in?error=sign_in_expired|sign_in_failed|…')
  @ApiProblems(503)
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.configured();
    const cookie = request.headers.cookie;
    const sent = cookie === undefined ? undefined : request.server.parseCookie(cookie)[OIDC_TRANSACTION_COOKIE];
    const transaction = this.codec.decode(sent, this.clock.now());
    this.setTransactionCookie(reply, '', 0);
    if (transaction === null) return this.backToSignIn(reply, 'sign_in_expired');
    const user = await oidc
      .userOf(new URL(request.url, this.config.appUrl), transaction)
      .catch((error: unknown) =>
        error instanceof OidcProviderUnavailable ? 'provider_unavailable' : 'sign_in_failed',
      );
    if (typeof user === 'string') return this.backToSignIn(reply, user);
    const { sessionId, session } = await this.sessions.start(user);
    setSessionCookie(reply, sessionId, session.expiresAt, this.secureCookies);
    return this.redirect(reply, SIGNED_IN);
  }

  private configured(): OidcSignIn {
    if (this.oidc === null) throw NO_PROVIDER;
    return this.oidc;
  }

  /** Lax, not Strict: it must come along when the provider sends the browser back. */
  private setTransactionCookie(reply: FastifyReply, value: string, maxAge: number): void {
    const options = {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: TRANSACTION_PATH,
      maxAge,
    } as const;
    void reply.header('set-cookie', reply.server.serializeCookie(OIDC_TRANSACTION_COOKIE, value, options));
  }

  private backToSignIn(reply: FastifyReply, failure: SignInFailure): void {
    this.redirect(reply, `/sign-in?error=${failure}`);
  }

  private redirect(reply: FastifyReply, location: string): void {
    void reply.status(302).header('cache-control', 'no-store').header('location', location).send();
  }
}
