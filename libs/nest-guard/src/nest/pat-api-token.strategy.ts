import { Inject, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import type { TokenAuthority } from '../core/token-authority';
import type { TokenPrincipal } from '../core/token-principal';
import type { TokenRefusalReason } from '../core/token-refusals';
import { PAT_TOKEN_AUTHORITY } from './pat-guard.options';

export const PAT_API_TOKEN_STRATEGY = 'pat-api-token';

/** Carries a refusal from the strategy to the guard, which answers it. */
export class TokenRefused extends Error {
  constructor(readonly code: TokenRefusalReason) {
    super(code);
    this.name = 'TokenRefused';
  }
}

/**
 * The calling client's address, set by the guard around passport: with `passReqToCallback`
 * the strategy breaks under @nestjs/passport, so validate cannot be handed the request.
 */
export const clientAddress = new AsyncLocalStorage<string | undefined>();

/**
 * passport-headerapikey reading X-API-Token. @internal: its type is @nestjs/passport's mixin,
 * whose validate takes untyped arguments; consumers never name it.
 */
@Injectable()
export class PatApiTokenStrategy extends PassportStrategy(HeaderAPIKeyStrategy, PAT_API_TOKEN_STRATEGY) {
  constructor(@Inject(PAT_TOKEN_AUTHORITY) private readonly authority: TokenAuthority) {
    super({ header: 'X-API-Token', prefix: '' }, false);
  }

  async validate(apiKey: string): Promise<TokenPrincipal> {
    const answer = await this.authority.authenticate(apiKey, clientAddress.getStore());
    if (typeof answer === 'string') throw new TokenRefused(answer);
    return answer;
  }
}
