import { Inject, Injectable } from '@nestjs/common';
import {
  TOKEN_READ_MODEL,
  TokenDigester,
  TokenFormat,
  type Clock,
  type TokenReadModel,
  type TokenView,
} from '@pat/domain';
import type { AppConfig } from '@pat/config';
import {
  TOKEN_REFUSAL_DETAIL,
  TOKEN_REFUSALS,
  TokenVerifier,
  principalOf,
  refusalCode,
  refusalDetail,
  type TokenRefusal,
  type TokenRefusalReason,
} from '@pat/nest-guard/core';
import { ApiProblem } from '../http/api-problem.exception';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import { CLOCK } from '../infrastructure/clock.provider';
import { AuthMetrics } from '../metrics/auth-metrics';
import type { TokenPrincipal } from './principals';
import { TokenUsageRecorder } from './token-usage-recorder';

export type { TokenRefusal };

/** One immutable problem per refusal, made once: a refusal costs no stack capture. */
const REFUSALS = Object.fromEntries(
  [...TOKEN_REFUSALS, 'lifetime_policy' as const].map((reason) => [
    reason,
    new ApiProblem(refusalCode(reason), refusalDetail(reason)),
  ]),
) as Record<TokenRefusalReason, ApiProblem>;

export function isTokenRefusal(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 401 && Object.hasOwn(TOKEN_REFUSAL_DETAIL, error.code);
}

/**
 * The X-API-Token check of the guard package (format and CRC, keyed digest, one read-model
 * lookup, the status at this instant) on this process's read model, counted in the metrics.
 * It writes nothing: the use is only noted in memory for `lastUsedAt`.
 */
@Injectable()
export class ApiTokenAuthenticator {
  private readonly verifier: TokenVerifier<TokenView>;

  constructor(
    format: TokenFormat,
    digester: TokenDigester,
    @Inject(TOKEN_READ_MODEL) readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: AuthMetrics,
    private readonly usage: TokenUsageRecorder,
  ) {
    this.verifier = new TokenVerifier(format, digester, readModel, {
      maxLifetimeDays: config.tokenMaxLifetimeDays,
      allowNoExpiry: config.tokenAllowNoExpiry,
    });
  }

  async authenticate(candidate: unknown): Promise<TokenPrincipal> {
    const now = this.clock.now();
    const verified = await this.verifier.verify(candidate, now);
    if (typeof verified === 'string') throw this.refuse(verified);
    this.metrics.authenticated();
    this.usage.used(verified.id, now.getTime());
    return principalOf(verified);
  }

  refuse(reason: TokenRefusalReason): ApiProblem {
    this.metrics.refused(refusalCode(reason));
    return REFUSALS[reason];
  }
}
