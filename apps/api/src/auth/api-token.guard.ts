import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiTokenAuthenticator, isTokenRefusal } from './api-token.authenticator';
import { API_TOKEN_STRATEGY } from './api-token.strategy';
import type { TokenPrincipal } from './principals';
import { RefusalPolicy } from './refusal-policy';

/** Token-holder endpoints: X-API-Token only; a client refused too often is answered `too_many_requests`. */
@Injectable()
export class ApiTokenGuard extends AuthGuard(API_TOKEN_STRATEGY) {
  constructor(
    private readonly authenticator: ApiTokenAuthenticator,
    private readonly refusals: RefusalPolicy,
  ) {
    super();
  }

  override handleRequest<T = TokenPrincipal>(
    error: unknown,
    principal: T | false,
    _info: unknown,
    context: ExecutionContext,
  ): T {
    if (!error && principal) return principal;
    const refusal = error || this.authenticator.refuse('token_missing');
    if (!isTokenRefusal(refusal)) {
      throw refusal instanceof Error ? refusal : new Error('The X-API-Token check failed');
    }
    throw this.refusals.answer(refusal, context.switchToHttp().getRequest<FastifyRequest>());
  }
}
