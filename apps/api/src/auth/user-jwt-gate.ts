import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { ApiProblem } from '../http/api-problem.exception';
import { onRequestOfFlaggedRoutes } from '../http/route-hooks';
import { sendProblem } from '../http/send-problem';
import { toProblem } from '../http/to-problem';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import { sessionIdOf } from '../sessions/session-cookie';
import { csrfRefusal } from '../sessions/session-csrf';
import { sessionPrincipal } from '../sessions/session-principal';
import { WebSessions } from '../sessions/web-sessions';
import type { UserPrincipal } from './principals';
import { UserJwtVerifier } from './user-jwt.verifier';

/** Route config key set by `@UserRoute()`. */
export const USER_ROUTE = 'userRoute';

export type UserRequest = FastifyRequest & { user?: UserPrincipal };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export const AUTH_REQUIRED = new ApiProblem(
  'auth_required',
  'Sign in on the token page, or send a user JWT as Authorization: Bearer <jwt>',
);
const AUTH_INVALID = new ApiProblem('auth_invalid', 'The bearer token is not a valid user JWT');
const SESSION_OVER = new ApiProblem('auth_required', 'The sign-in is over (signed out or expired): sign in again');

/**
 * The user check of management routes, at the door: a Fastify hook verifies the bearer JWT, or
 * else the token page's session cookie (with its CSRF check), as soon as the headers are in,
 * before any of the body is read, and puts the user on the request: the one place it is set,
 * where guards and `@CurrentUser()` read it. A request without a valid credential is answered
 * at once, and when its body is still on its way the connection is closed instead of being kept
 * open to drain it.
 */
@Injectable()
export class UserJwtGate {
  private readonly appOrigin: string;

  constructor(
    private readonly verifier: UserJwtVerifier,
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.appOrigin = new URL(config.appUrl).origin;
  }

  /** Must run before the first route is registered. */
  install(fastify: FastifyInstance): void {
    onRequestOfFlaggedRoutes(fastify, USER_ROUTE, async (request: UserRequest, reply: FastifyReply) => {
      const admitted = await this.userOf(request);
      if (!(admitted instanceof ApiProblem)) {
        request.user = admitted;
        return;
      }
      if (bodyStillArriving(request.raw)) void reply.header('connection', 'close');
      sendProblem(reply, admitted);
      return reply;
    });
  }

  private async userOf(request: FastifyRequest): Promise<UserPrincipal | ApiProblem> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization);
      if (!match) return AUTH_REQUIRED;
      return (await this.verifier.verify(match[1])) ?? AUTH_INVALID;
    }
    const sessionId = sessionIdOf(request);
    return sessionId === undefined ? AUTH_REQUIRED : this.sessionUserOf(request, sessionId);
  }

  private async sessionUserOf(request: FastifyRequest, sessionId: string): Promise<UserPrincipal | ApiProblem> {
    const refusal = csrfRefusal(request, sessionId, this.appOrigin);
    if (refusal !== null) return refusal;
    try {
      const session = await this.sessions.find(sessionId);
      return session === null ? SESSION_OVER : sessionPrincipal(session);
    } catch (error) {
      return toProblem(error);
    }
  }
}

function bodyStillArriving(raw: IncomingMessage): boolean {
  const hasBody = raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;
  return hasBody && !raw.complete;
}
