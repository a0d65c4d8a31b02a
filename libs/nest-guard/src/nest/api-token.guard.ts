import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { insufficientScope } from '../core/insufficient-scope';
import { TokenStoreUnavailableError } from '../core/token-authority';
import type { TokenPrincipal } from '../core/token-principal';
import {
  INSUFFICIENT_SCOPE,
  STORE_UNAVAILABLE,
  STORE_UNAVAILABLE_DETAIL,
  refusalCode,
  refusalDetail,
  type TokenRefusalReason,
} from '../core/token-refusals';
import { clientAddress, PAT_API_TOKEN_STRATEGY, TokenRefused } from './pat-api-token.strategy';
import { problemException } from './problem-exception';
import { REQUIRED_SCOPES } from './require-scopes.decorator';

const STORE_RETRY_AFTER_SECONDS = '5';

/**
 * The X-API-Token check for a route: 401 with the PAT service's refusal code, 403
 * `insufficient_scope` when the token lacks a scope `@RequireScopes` names, 503 while the
 * store cannot answer. Every answer is problem+json, as the PAT service's own.
 */
@Injectable()
export class ApiTokenGuard extends AuthGuard(PAT_API_TOKEN_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ ip?: string; user?: TokenPrincipal }>();
    await clientAddress.run(request.ip, () => super.canActivate(context) as Promise<boolean>);
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const lacking = insufficientScope(request.user?.scopes ?? [], required ?? []);
    if (lacking === null) return true;
    throw problemException(context, 403, INSUFFICIENT_SCOPE, lacking.detail, {
      'www-authenticate': lacking.wwwAuthenticate,
    });
  }

  override handleRequest<T = TokenPrincipal>(
    error: unknown,
    principal: T | false,
    _info: unknown,
    context: ExecutionContext,
  ): T {
    if (!error && principal) return principal;
    if (error instanceof TokenStoreUnavailableError) {
      throw problemException(context, 503, STORE_UNAVAILABLE, STORE_UNAVAILABLE_DETAIL, {
        'retry-after': STORE_RETRY_AFTER_SECONDS,
      });
    }
    if (error instanceof Error && !(error instanceof TokenRefused)) throw error;
    const reason: TokenRefusalReason = error instanceof TokenRefused ? error.code : 'token_missing';
    throw problemException(context, 401, refusalCode(reason), refusalDetail(reason));
  }
}
