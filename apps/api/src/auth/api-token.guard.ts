import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiTokenAuthenticator, isTokenRefusal } from './api-token.authenticator';
import { API_TOKEN_STRATEGY } from './api-token.strategy';
import type { TokenPrincipal } from './principals';
import { ApiProblem, TOKEN_RATE_LIMITED } from '../http/api-problem.exception';
import { apiTokenRouteKind } from './api-token-route.config';
import { RefusalPolicy } from './refusal-policy';
import { TokenUsageRecorder } from './token-usage-recorder';

/** Token-holder endpoints: X-API-Token only; a client refused too often is answered `too_many_requests`. */
@Injectable()
export class ApiTokenGuard extends AuthGuard(API_TOKEN_STRATEGY) {
  constructor(
    private readonly authenticator: ApiTokenAuthenticator,
    private readonly refusals: RefusalPolicy,
    private readonly usage: TokenUsageRecorder,
  ) {
    super();
  }

  override handleRequest<T = TokenPrincipal>(
    error: unknown,
    principal: T | false,
    _info: unknown,
    context: ExecutionContext,
  ): T {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!error && principal) {
      if (hasTokenId(principal)) this.usage.usedFrom(principal.tokenId, request.ip, request.headers['user-agent']);
      return principal;
    }
    const refusal = error || this.authenticator.refuse('token_missing');
    if (refusal instanceof ApiProblem && refusal.code === TOKEN_RATE_LIMITED) throw onRoute(refusal, request);
    if (!isTokenRefusal(refusal)) {
      throw refusal instanceof Error ? refusal : new Error('The X-API-Token check failed');
    }
    throw this.refusals.answer(refusal, request);
  }
}

/** A rate-limited token is answered 429, but 401 on the forward-auth route (a gateway takes nothing else). */
function onRoute(limited: ApiProblem, request: FastifyRequest): ApiProblem {
  const kind = apiTokenRouteKind(request.routeOptions.config) ?? 'token-holder';
  if (kind === 'token-holder') return limited;
  return new ApiProblem(limited.code, limited.detail, undefined, limited.retryAfterSeconds, 401);
}

const hasTokenId = (principal: unknown): principal is Pick<TokenPrincipal, 'tokenId'> =>
  typeof (principal as Partial<TokenPrincipal>).tokenId === 'string';
