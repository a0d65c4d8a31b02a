import { createHash } from 'node:crypto';
import { TokenFormat } from '../../../domain/src/token/token-secret';
import { DEFAULT_CACHE_TTL_MS, TokenStoreUnavailableError, type TokenAuthority } from './token-authority';
import type { TokenPrincipal } from './token-principal';
import { isTokenRefusal, type TokenRefusal } from './token-refusals';
import { TtlCache } from './ttl-cache';

export interface RemoteAuthorityOptions {
  /** A PAT service's `/api/v1/auth/verify`, for a service without access to its MongoDB. */
  verifyUrl: string;
  tokenPrefix?: string;
  cacheTtlMs?: number;
  /** How long to wait for the PAT service before answering 503 (default 3 s). */
  timeoutMs?: number;
}

interface VerifyAnswer {
  userId: string;
  tokenId: string;
  tokenName: string;
  expiresAt: string | null;
  scopes: string[];
}

/**
 * Asks a PAT service's `/auth/verify` about each token (after the same format check, so a typo
 * costs no call), remembering accepted tokens for at most `cacheTtlMs`, keyed by a hash of the
 * token. An unreachable service or an answer other than 200 or 401 is a 503, never an accept.
 */
export class RemoteTokenAuthority implements TokenAuthority {
  private readonly format: TokenFormat;
  private readonly cache: TtlCache<TokenPrincipal>;

  constructor(private readonly options: RemoteAuthorityOptions) {
    this.format = new TokenFormat(options.tokenPrefix ?? 'pat');
    this.cache = new TtlCache(options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
  }

  async authenticate(candidate: unknown, clientAddress?: string): Promise<TokenPrincipal | TokenRefusal> {
    if (typeof candidate !== 'string' || !this.format.isWellFormed(candidate)) return 'token_malformed';
    const key = createHash('sha256').update(candidate).digest('base64url');
    const now = Date.now();
    const cached = this.cache.get(key, now);
    if (cached !== undefined) return cached;
    const answer = await this.ask(candidate, clientAddress);
    if (typeof answer === 'string') return answer;
    const principal: TokenPrincipal = {
      userId: answer.userId,
      tokenId: answer.tokenId,
      tokenName: answer.tokenName,
      expiresAt: answer.expiresAt === null ? null : new Date(answer.expiresAt),
      scopes: answer.scopes,
    };
    this.cache.set(key, principal, now, principal.expiresAt?.getTime());
    return principal;
  }

  private async ask(token: string, clientAddress: string | undefined): Promise<VerifyAnswer | TokenRefusal> {
    const headers: Record<string, string> = { 'x-api-token': token, accept: 'application/json' };
    // The PAT service throttles refusals per client; it believes this only with TRUST_PROXY.
    if (clientAddress !== undefined) headers['x-forwarded-for'] = clientAddress;
    let response: Response;
    try {
      response = await fetch(this.options.verifyUrl, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 3_000),
      });
    } catch (error) {
      this.cache.clear();
      throw new TokenStoreUnavailableError(error instanceof Error ? error.name : 'no answer');
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 200 && isVerifyAnswer(body)) return body;
    if (response.status === 401) {
      const code = (body as { code?: unknown } | null)?.code;
      return isTokenRefusal(code) ? code : 'token_invalid';
    }
    this.cache.clear();
    throw new TokenStoreUnavailableError(`the PAT service answered ${response.status}`);
  }

  close(): Promise<void> {
    this.cache.clear();
    return Promise.resolve();
  }
}

function isVerifyAnswer(body: unknown): body is VerifyAnswer {
  if (typeof body !== 'object' || body === null) return false;
  const answer = body as Record<string, unknown>;
  return (
    typeof answer['userId'] === 'string' &&
    typeof answer['tokenId'] === 'string' &&
    typeof answer['tokenName'] === 'string' &&
    (answer['expiresAt'] === null || typeof answer['expiresAt'] === 'string') &&
    Array.isArray(answer['scopes']) &&
    answer['scopes'].every((scope) => typeof scope === 'string')
  );
}
