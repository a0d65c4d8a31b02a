import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ApiProblem } from '../http/api-problem.exception';
import { onRequestOfFlaggedRoutes } from '../http/route-hooks';
import { sendProblem } from '../http/send-problem';
import type { UserPrincipal } from './principals';
import { UserJwtVerifier } from './user-jwt.verifier';

/** Route config key set by `@UserRoute()`. */
export const USER_ROUTE = 'userRoute';

export type UserRequest = FastifyRequest & { user?: UserPrincipal };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export const AUTH_REQUIRED = new ApiProblem('auth_required', 'Send a user JWT as Authorization: Bearer <jwt>');
const AUTH_INVALID = new ApiProblem('auth_invalid', 'The bearer token is not a valid user JWT');

/**
 * The user JWT check of management routes, at the door: a Fastify hook verifies the bearer JWT
 * as soon as the headers are in, before any of the body is read, and puts the user on the
 * request: the one place it is set, where guards and `@CurrentUser()` read it. A request without
 * a valid JWT is answered 401 at once, and when its body is still on its way the connection is
 * closed instead of being kept open to drain it.
 */
@Injectable()
export class UserJwtGate {
  constructor(private readonly verifier: UserJwtVerifier) {}

  /** Must run before the first route is registered. */
  install(fastify: FastifyInstance): void {
    onRequestOfFlaggedRoutes(fastify, USER_ROUTE, async (request: UserRequest, reply: FastifyReply) => {
      const admitted = await this.userOf(request.headers.authorization);
      if (!(admitted instanceof ApiProblem)) {
        request.user = admitted;
        return;
      }
      if (bodyStillArriving(request.raw)) void reply.header('connection', 'close');
      sendProblem(reply, admitted);
      return reply;
    });
  }

  private async userOf(authorization: string | undefined): Promise<UserPrincipal | ApiProblem> {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    if (!match) return AUTH_REQUIRED;
    return (await this.verifier.verify(match[1])) ?? AUTH_INVALID;
  }
}

function bodyStillArriving(raw: IncomingMessage): boolean {
  const hasBody = raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;
  return hasBody && !raw.complete;
}
