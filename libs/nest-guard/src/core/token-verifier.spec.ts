import { randomBytes } from 'node:crypto';
import { TokenDigester, TokenFormat } from '../../../domain/src/token/token-secret';
import type { LifetimePolicy } from '../../../domain/src/token/token-lifetime-policy';
import type { TokenLookup, TokenRecord } from './token-verifier';
import { TokenVerifier } from './token-verifier';

const format = new TokenFormat('pat');
const digester = new TokenDigester('a-pepper-of-at-least-32-characters!!');
const NOW = new Date('2026-12-01T00:00:00Z');

function verifierWith(
  records: Record<string, Partial<TokenRecord>>,
  policy: LifetimePolicy | null = null,
): { verifier: TokenVerifier; asked: string[] } {
  const asked: string[] = [];
  const lookup: TokenLookup = {
    findByDigest: (digest) => {
      asked.push(digest);
      const found = Object.entries(records).find(([token]) => digester.digest(token) === digest)?.[1];
      const record: TokenRecord | null = found
        ? { id: 't', userId: 'alice', name: 'CI', status: 'active', expiresAt: null, scopes: ['api'], ...found }
        : null;
      return Promise.resolve(record);
    },
  };
  return { verifier: new TokenVerifier(format, digester, lookup, policy), asked };
}

describe('TokenVerifier', () => {
  const token = format.generate(randomBytes);

  it('refuses what is not a token (shape or CRC) without asking the store', async () => {
    const { verifier, asked } = verifierWith({});
    const typo = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    for (const candidate of [undefined, 42, '', 'pat_short', typo, token.replace('pat_', 'xyz_')]) {
      expect(await verifier.verify(candidate, NOW)).toBe('token_malformed');
    }
    expect(asked).toEqual([]);
  });

  it.each<[string, Partial<TokenRecord> | undefined, string]>([
    ['unknown', undefined, 'token_invalid'],
    ['revoked', { status: 'revoked' }, 'token_revoked'],
    ['suspended', { status: 'suspended' }, 'token_suspended'],
    ['suspended and past its expiry', { status: 'suspended', expiresAt: NOW }, 'token_expired'],
    ['rotated, with no overlap', { status: 'rotated' }, 'token_rotated'],
    ['rotated, at the end of its overlap', { status: 'rotated', graceUntil: NOW }, 'token_rotated'],
    [
      'rotated, within its overlap but past its expiry',
      { status: 'rotated', graceUntil: new Date(NOW.getTime() + 1), expiresAt: NOW },
      'token_expired',
    ],
    ['of a status this version does not know', { status: 'quarantined' }, 'token_invalid'],
    ['recorded as expired', { status: 'expired' }, 'token_expired'],
    ['past its expiry, not yet recorded', { expiresAt: NOW }, 'token_expired'],
  ])('refuses a %s token', async (_case, record, refusal) => {
    const { verifier } = verifierWith(record ? { [token]: record } : {});
    expect(await verifier.verify(token, NOW)).toBe(refusal);
  });

  it('answers the record of a token active now, looked up by its keyed digest', async () => {
    const { verifier, asked } = verifierWith({ [token]: { expiresAt: new Date(NOW.getTime() + 1) } });
    expect(await verifier.verify(token, NOW)).toMatchObject({ userId: 'alice', status: 'active' });
    expect(asked).toEqual([digester.digest(token)]);
  });

  it('accepts a rotated token until the end of its overlap, to the millisecond', async () => {
    const { verifier } = verifierWith({ [token]: { status: 'rotated', graceUntil: new Date(NOW.getTime() + 1) } });
    expect(await verifier.verify(token, NOW)).toMatchObject({ status: 'rotated' });
    expect(await verifier.verify(token, new Date(NOW.getTime() + 1))).toBe('token_rotated');
  });

  describe('with a lifetime policy', () => {
    const policy: LifetimePolicy = { maxLifetimeDays: 30, allowNoExpiry: false };
    const DAY_MS = 86_400_000;
    const generated = new Date(NOW.getTime() - DAY_MS);

    it('refuses a token living longer than the policy allows as lifetime_policy, however young', async () => {
      const longer = { createdAt: generated, expiresAt: new Date(generated.getTime() + 31 * DAY_MS) };
      const forever = { createdAt: generated, expiresAt: null };
      for (const record of [longer, forever]) {
        expect(await verifierWith({ [token]: record }, policy).verifier.verify(token, NOW)).toBe('lifetime_policy');
      }
    });

    it('accepts a token within the policy, and one whose record does not say when it was generated', async () => {
      const within = { createdAt: generated, expiresAt: new Date(generated.getTime() + 30 * DAY_MS) };
      expect(await verifierWith({ [token]: within }, policy).verifier.verify(token, NOW)).toMatchObject({ id: 't' });
      const unknownAge = { expiresAt: new Date(generated.getTime() + 90 * DAY_MS) };
      expect(await verifierWith({ [token]: unknownAge }, policy).verifier.verify(token, NOW)).toMatchObject({
        id: 't',
      });
    });

    it('says lifetime_policy for a token recorded as expired by the policy, with or without one here', async () => {
      const record = { status: 'expired', expiredByPolicy: true };
      expect(await verifierWith({ [token]: record }).verifier.verify(token, NOW)).toBe('lifetime_policy');
    });

    it('refuses for its status first: a revoked token outliving the policy is revoked', async () => {
      const record = { status: 'revoked', createdAt: generated, expiresAt: null };
      expect(await verifierWith({ [token]: record }, policy).verifier.verify(token, NOW)).toBe('token_revoked');
    });
  });
});
