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
  TokenRateLimiter,
  TokenVerifier,
  principalOf,
  refusalCode,
  refusalDetail,
  type TokenRefusal,
  type TokenRefusalReason,
} from '@pat/nest-guard/core';
import { ApiProblem, TOKEN_RATE_LIMITED } from '../http/api-problem.exception';
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

const RATE_LIMITED_DETAIL = 'The token made more requests a second than its maxRequestsPerSecond allows';

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
  private readonly limiter: TokenRateLimiter;

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
    this.limiter = new TokenRateLimiter(config.tokenRateLimitProcesses);
  }

  async authenticate(candidate: unknown): Promise<TokenPrincipal> {
    const now = this.clock.now();
    const verified = await this.verifier.verify(candidate, now);
    if (typeof verified === 'string') throw this.refuse(verified);
    if (verified.maxRequestsPerSecond !== null) {
      const waitMs = this.limiter.take(verified.id, verified.maxRequestsPerSecond, now.getTime());
      if (waitMs > 0) throw this.rateLimited(waitMs);
    }
    this.metrics.authenticated();
    this.usage.used(verified.id, now.getTime());
    return principalOf(verified);
  }

  /** Over its limit: 429 (401 on the forward-auth route, see ApiTokenGuard), never counted as a refused token. */
  private rateLimited(waitMs: number): ApiProblem {
    this.metrics.refused(TOKEN_RATE_LIMITED);
    return new ApiProblem(TOKEN_RATE_LIMITED, RATE_LIMITED_DETAIL, undefined, Math.ceil(waitMs / 1000));
  }

  refuse(reason: TokenRefusalReason): ApiProblem {
    this.metrics.refused(refusalCode(reason));
    return REFUSALS[reason];
  }
}
