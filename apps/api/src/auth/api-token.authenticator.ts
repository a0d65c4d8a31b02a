import { Inject, Injectable } from '@nestjs/common';
import { TOKEN_READ_MODEL, TokenDigester, TokenFormat, hasPassed, type Clock, type TokenReadModel } from '@pat/domain';
import { ApiProblem } from '../http/api-problem.exception';
import { CLOCK } from '../infrastructure/clock.provider';
import { AuthMetrics } from '../metrics/auth-metrics';
import type { TokenPrincipal } from './principals';
import { TokenUsageRecorder } from './token-usage-recorder';

export type TokenRefusal = 'token_missing' | 'token_malformed' | 'token_invalid' | 'token_revoked' | 'token_expired';

const REFUSAL_DETAIL: Record<TokenRefusal, string> = {
  token_missing: 'Send a personal access token in the X-API-Token header',
  token_malformed: 'The X-API-Token header does not hold a well-formed token',
  token_invalid: 'The token is not known',
  token_revoked: 'The token has been revoked',
  token_expired: 'The token has expired',
};

/** One immutable problem per refusal, made once: a refusal costs no stack capture. */
const REFUSALS = Object.fromEntries(
  Object.entries(REFUSAL_DETAIL).map(([code, detail]) => [code, new ApiProblem(code as TokenRefusal, detail)]),
) as Record<TokenRefusal, ApiProblem>;

export function isTokenRefusal(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 401 && Object.hasOwn(REFUSAL_DETAIL, error.code);
}

/**
 * The X-API-Token check: shape and CRC first (no store is touched for a typo), then the
 * keyed digest, one read-model lookup, and the status at this instant. It writes nothing:
 * the use is only noted in memory for `lastUsedAt`.
 */
@Injectable()
export class ApiTokenAuthenticator {
  constructor(
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: AuthMetrics,
    private readonly usage: TokenUsageRecorder,
  ) {}

  async authenticate(candidate: unknown): Promise<TokenPrincipal> {
    if (typeof candidate !== 'string' || !this.format.isWellFormed(candidate)) {
      throw this.refuse('token_malformed');
    }
    const view = await this.readModel.findByDigest(this.digester.digest(candidate));
    if (view === null) throw this.refuse('token_invalid');
    if (view.status === 'revoked') throw this.refuse('token_revoked');
    const now = this.clock.now();
    if (view.status === 'expired' || hasPassed(view.expiresAt, now)) throw this.refuse('token_expired');
    this.metrics.authenticated();
    this.usage.used(view.id, now.getTime());
    return { userId: view.userId, tokenId: view.id, tokenName: view.name, expiresAt: view.expiresAt };
  }

  refuse(code: TokenRefusal): ApiProblem {
    this.metrics.refused(code);
    return REFUSALS[code];
  }
}
