import { randomBytes } from 'node:crypto';
import { TokenDigester, TokenFormat } from '../../../domain/src/token/token-secret';
import type { TokenLookup, TokenRecord } from './token-verifier';
import { TokenVerifier } from './token-verifier';

const format = new TokenFormat('pat');
const digester = new TokenDigester('a-pepper-of-at-least-32-characters!!');
const NOW = new Date('2026-12-01T00:00:00Z');

function verifierWith(records: Record<string, Partial<TokenRecord>>): { verifier: TokenVerifier; asked: string[] } {
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
  return { verifier: new TokenVerifier(format, digester, lookup), asked };
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
});
