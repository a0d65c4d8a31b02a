import { hasPassed } from '../../../domain/src/token/has-passed';
import type { TokenDigester, TokenFormat } from '../../../domain/src/token/token-secret';
import type { TokenRefusal } from './token-refusals';

/** What a token check needs of a token's read-model view. */
export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  /** Recorded status; `active` is accepted, and `rotated` within its overlap; a status this version does not know is refused. */
  status: string;
  expiresAt: Date | null;
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
 * digest, one lookup, and the status at this instant. Answers the record of a token valid now,
 * or why it is refused; it writes nothing.
 */
export class TokenVerifier<T extends TokenRecord = TokenRecord> {
  constructor(
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    private readonly lookup: TokenLookup<T>,
  ) {}

  async verify(candidate: unknown, now: Date): Promise<T | TokenRefusal> {
    if (typeof candidate !== 'string' || !this.format.isWellFormed(candidate)) return 'token_malformed';
    const record = await this.lookup.findByDigest(this.digester.digest(candidate));
    if (record === null) return 'token_invalid';
    if (record.status === 'active') return hasPassed(record.expiresAt, now) ? 'token_expired' : record;
    if (record.status === 'suspended') return hasPassed(record.expiresAt, now) ? 'token_expired' : 'token_suspended';
    if (record.status === 'rotated') return rotatedRefusal(record, now);
    if (record.status === 'revoked') return 'token_revoked';
    return record.status === 'expired' ? 'token_expired' : 'token_invalid';
  }
}

/** A rotated token is accepted within its overlap, as an active one would be. */
function rotatedRefusal<T extends TokenRecord>(record: T, now: Date): T | TokenRefusal {
  if (hasPassed(record.expiresAt, now)) return 'token_expired';
  return record.graceUntil == null || hasPassed(record.graceUntil, now) ? 'token_rotated' : record;
}
