import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiTokenAuthenticator } from './api-token.authenticator';
import { API_TOKEN_STRATEGY } from './api-token.strategy';
import type { TokenPrincipal } from './principals';

/** Token-holder endpoints: X-API-Token only. */
@Injectable()
export class ApiTokenGuard extends AuthGuard(API_TOKEN_STRATEGY) {
  constructor(private readonly authenticator: ApiTokenAuthenticator) {
    super();
  }

  override handleRequest<T = TokenPrincipal>(error: unknown, principal: T | false): T {
    if (error instanceof Error) throw error;
    if (error) throw new Error('The X-API-Token check failed');
    if (!principal) throw this.authenticator.refuse('token_missing');
    return principal;
  }
}
