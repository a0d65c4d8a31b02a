import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ApiTokenAuthenticator } from './api-token.authenticator';
import type { TokenPrincipal } from './principals';

export const API_TOKEN_HEADER = 'X-API-Token';
export const API_TOKEN_STRATEGY = 'api-token';

/** passport-headerapikey reading X-API-Token; `false` keeps Nest's callback last (see design notes). */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(HeaderAPIKeyStrategy, API_TOKEN_STRATEGY) {
  constructor(private readonly authenticator: ApiTokenAuthenticator) {
    super({ header: API_TOKEN_HEADER, prefix: '' }, false);
  }

  validate(apiKey: string): Promise<TokenPrincipal> {
    return this.authenticator.authenticate(apiKey);
  }
}
