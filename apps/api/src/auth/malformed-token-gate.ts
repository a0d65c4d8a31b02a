import { Injectable } from '@nestjs/common';
import { TokenFormat } from '@pat/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { onRequestOfRoutes } from '../http/route-hooks';
import { sendProblem } from '../http/send-problem';
import { apiTokenRouteKind } from './api-token-route.config';
import { ApiTokenAuthenticator } from './api-token.authenticator';
import { RefusalPolicy } from './refusal-policy';

/**
 * The first half of the X-API-Token check, at the door: on token-holder routes, a token whose
 * shape or check characters are wrong is refused in a Fastify hook, before the request costs
 * a trip through Nest, exactly as the guard would refuse it (401 token_malformed, counted, and
 * throttled per address). Missing and well-formed tokens go on to the passport strategy.
 */
@Injectable()
export class MalformedTokenGate {
  constructor(
    private readonly format: TokenFormat,
    private readonly authenticator: ApiTokenAuthenticator,
    private readonly refusals: RefusalPolicy,
  ) {}

  /** Must run before the first route is registered. */
  install(fastify: FastifyInstance): void {
    const check = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
      const token = request.headers['x-api-token'];
      if (!token || (typeof token === 'string' && this.format.isWellFormed(token))) {
        done();
        return;
      }
      sendProblem(reply, this.refusals.answer(this.authenticator.refuse('token_malformed'), request));
    };
    onRequestOfRoutes(fastify, (config) => apiTokenRouteKind(config) !== null, check);
  }
}
