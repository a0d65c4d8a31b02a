import { hasPassed } from '../../../domain/src/token/has-passed';
import { exceedsLifetimePolicy, type LifetimePolicy } from '../../../domain/src/token/token-lifetime-policy';
import type { TokenDigester, TokenFormat } from '../../../domain/src/token/token-secret';
import type { TokenRefusal, TokenRefusalReason } from './token-refusals';

/** What a token check needs of a token's read-model view. */
export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  /** Recorded status; `active` is accepted, and `rotated` within its overlap; a status this version does not know is refused. */
  status: string;
  expiresAt: Date | null;
  /** When it was generated: with a lifetime policy, a token living longer than it allows is refused. */
  createdAt?: Date;
  /** Recorded as expired because it outlived the lifetime policy: refused saying so. */
  expiredByPolicy?: boolean;
  /** A rotated token is still accepted until this instant (absent or null: not at all). */
  graceUntil?: Date | null;
  scopes: readonly string[];
}

/** Finds a token by the digest of its secret; throws when its store cannot answer. */
export interface TokenLookup<T extends TokenRecord = TokenRecord> {
  findByDigest(digest: string): Promise<T | null>;
}

/**
 * The X-API-Token check: shape and CRC first (no store is touched for a typo), then the keyed
 * digest, one lookup, the status at this instant and, given a lifetime policy, the token's whole
 * lifetime against it. Answers the record of a token valid now, or why it is refused; it writes
 * nothing.
 */
export class TokenVerifier<T extends TokenRecord = TokenRecord> {
  constructor(
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    private readonly lookup: TokenLookup<T>,
    private readonly policy: LifetimePolicy | null = null,
  ) {}

  async verify(candidate: unknown, now: Date): Promise<T | TokenRefusalReason> {
    if (typeof candidate !== 'string' || !this.format.isWellFormed(candidate)) return 'token_malformed';
    const record = await this.lookup.findByDigest(this.digester.digest(candidate));
    if (record === null) return 'token_invalid';
    const refusal = this.refusal(record, now);
    if (refusal !== null) return refusal;
    return this.outlivesPolicy(record) ? 'lifetime_policy' : record;
  }

  private outlivesPolicy(record: T): boolean {
    if (this.policy === null || record.createdAt === undefined) return false;
    return exceedsLifetimePolicy(record.createdAt, record.expiresAt, this.policy);
  }

  /** Null for a token its status lets through at `now`. */
  private refusal(record: T, now: Date): TokenRefusalReason | null {
    if (record.status === 'active') return hasPassed(record.expiresAt, now) ? 'token_expired' : null;
    if (record.status === 'suspended') return hasPassed(record.expiresAt, now) ? 'token_expired' : 'token_suspended';
    if (record.status === 'rotated') return rotatedRefusal(record, now);
    if (record.status === 'revoked') return 'token_revoked';
    if (record.status !== 'expired') return 'token_invalid';
    return record.expiredByPolicy === true ? 'lifetime_policy' : 'token_expired';
  }
}

/** A rotated token is accepted within its overlap, as an active one would be. */
function rotatedRefusal(record: TokenRecord, now: Date): TokenRefusal | null {
  if (hasPassed(record.expiresAt, now)) return 'token_expired';
  return record.graceUntil == null || hasPassed(record.graceUntil, now) ? 'token_rotated' : null;
}
