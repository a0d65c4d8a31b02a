import { createHmac, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { TokenDigester, TokenFormat, type RandomBytes } from './token-secret';

/** Written here, apart from the production code, so the test checks the format and not itself. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function toBase62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = ALPHABET[rest % 62] + out;
  return out.padStart(width, '0');
}
const checkOf = (unchecked: string): string => toBase62(crc32(unchecked), 6);
const withCheck = (unchecked: string): string => unchecked + checkOf(unchecked);

/** Hands out the given bytes in order and records each request's size. */
function scriptedBytes(bytes: readonly number[]): RandomBytes & { requests: number[] } {
  let next = 0;
  const requests: number[] = [];
  const source = (size: number): Uint8Array => {
    requests.push(size);
    if (next + size > bytes.length) throw new Error('the test ran out of scripted bytes');
    const out = Uint8Array.from(bytes.slice(next, next + size));
    next += size;
    return out;
  };
  return Object.assign(source, { requests });
}

const range = (length: number, from = 0): number[] => Array.from({ length }, (_, i) => from + i);
const csprng: RandomBytes = (size) => randomBytes(size);

const pat = new TokenFormat('pat');
/** prefix `pat`, body = the first 40 alphabet characters, check = base62 CRC32. */
const FIXED_TOKEN = 'pat_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd4GadE1';

describe('TokenFormat', () => {
  describe('generate', () => {
    it('turns a fixed byte sequence into the exact token', () => {
      const token = pat.generate(scriptedBytes(range(40)));
      expect(token).toBe(FIXED_TOKEN);
      expect(token).toBe(withCheck(`pat_${ALPHABET.slice(0, 40)}`));
    });

    it('maps each byte below 248 to ALPHABET[byte % 62]', () => {
      const bytes = [61, 62, 123, 124, 185, 186, 247, ...range(33, 100)];
      const body = bytes.map((byte) => ALPHABET[byte % 62]).join('');
      expect(body.slice(0, 7)).toBe('z0z0z0z');
      expect(pat.generate(scriptedBytes(bytes))).toBe(withCheck(`pat_${body}`));
    });

    it('skips bytes of 248 and above, asking for more until the body is full', () => {
      const first = range(40).map((i) => (i % 2 === 0 ? 248 + (i % 8) : i));
      const second = range(40, 150);
      const source = scriptedBytes([...first, ...second]);
      const kept = [...first, ...second].filter((byte) => byte < 248).slice(0, 40);
      expect(kept).toHaveLength(40);
      expect(pat.generate(source)).toBe(withCheck(`pat_${kept.map((byte) => ALPHABET[byte % 62]).join('')}`));
      expect(source.requests).toEqual([40, 40]);
    });

    it('survives a whole batch of rejected bytes', () => {
      const source = scriptedBytes([...Array<number>(40).fill(255), ...range(40)]);
      expect(pat.generate(source)).toBe(FIXED_TOKEN);
      expect(source.requests).toEqual([40, 40]);
    });

    it.each(['ab', 'pat', 'glpat', 'abcdefghij', 'x9'])('is prefix + 1 + 40 + 6 characters long (prefix %s)', (p) => {
      const token = new TokenFormat(p).generate(csprng);
      expect(token).toHaveLength(p.length + 1 + 40 + 6);
      expect(token).toMatch(new RegExp(`^${p}_[0-9A-Za-z]{46}$`));
      expect(token.slice(-6)).toBe(checkOf(token.slice(0, -6)));
    });

    it('makes 1000 random tokens, all well-formed and all distinct', () => {
      const tokens = Array.from({ length: 1000 }, () => pat.generate(csprng));
      for (const token of tokens) {
        expect(token).toMatch(/^pat_[0-9A-Za-z]{46}$/);
        expect(token.slice(-6)).toBe(checkOf(token.slice(0, -6)));
        expect(pat.isWellFormed(token)).toBe(true);
      }
      expect(new Set(tokens).size).toBe(1000);
      expect(new Set(tokens.map((token) => token.slice(4, 44))).size).toBe(1000);
    });
  });

  describe('isWellFormed', () => {
    it('accepts the fixed token and independently built tokens', () => {
      expect(pat.isWellFormed(FIXED_TOKEN)).toBe(true);
      expect(pat.isWellFormed(withCheck(`pat_${'z'.repeat(40)}`))).toBe(true);
      expect(pat.isWellFormed(withCheck(`pat_${'0'.repeat(40)}`))).toBe(true);
    });

    it('refuses a token with any one body character changed', () => {
      for (let i = 4; i < 44; i++) {
        const replacement = FIXED_TOKEN[i] === 'x' ? 'y' : 'x';
        const typo = FIXED_TOKEN.slice(0, i) + replacement + FIXED_TOKEN.slice(i + 1);
        expect({ i, wellFormed: pat.isWellFormed(typo) }).toEqual({ i, wellFormed: false });
      }
    });

    it('refuses a token with any one check character changed', () => {
      for (let i = 44; i < 50; i++) {
        const replacement = FIXED_TOKEN[i] === '0' ? '1' : '0';
        const typo = FIXED_TOKEN.slice(0, i) + replacement + FIXED_TOKEN.slice(i + 1);
        expect({ i, wellFormed: pat.isWellFormed(typo) }).toEqual({ i, wellFormed: false });
      }
    });

    it('refuses two neighbouring body characters swapped', () => {
      const swapped = `pat_1023456789${FIXED_TOKEN.slice(14)}`;
      expect(pat.isWellFormed(swapped)).toBe(false);
    });

    it('refuses another prefix, even with a valid check of its own', () => {
      const body = ALPHABET.slice(0, 40);
      expect(pat.isWellFormed(withCheck(`pax_${body}`))).toBe(false);
      expect(pat.isWellFormed(withCheck(`PAT_${body}`))).toBe(false);
      expect(pat.isWellFormed(new TokenFormat('ghp').generate(csprng))).toBe(false);
      expect(pat.isWellFormed(new TokenFormat('pa').generate(csprng))).toBe(false);
      expect(new TokenFormat('pa').isWellFormed(FIXED_TOKEN)).toBe(false);
    });

    it('refuses a wrong length, even with a valid check', () => {
      expect(pat.isWellFormed(FIXED_TOKEN.slice(0, -1))).toBe(false);
      expect(pat.isWellFormed(`${FIXED_TOKEN}0`)).toBe(false);
      expect(pat.isWellFormed(withCheck(`pat_${ALPHABET.slice(0, 39)}`))).toBe(false);
      expect(pat.isWellFormed(withCheck(`pat_${ALPHABET.slice(0, 41)}`))).toBe(false);
      expect(pat.isWellFormed('')).toBe(false);
      expect(pat.isWellFormed('pat_')).toBe(false);
    });

    it.each(['-', '_', '+', '/', '=', ' ', '.', 'é', '\u0000'])(
      'refuses %j in the body, even with a valid check',
      (bad) => {
        const body = `${ALPHABET.slice(0, 20)}${bad}${ALPHABET.slice(21, 40)}`;
        expect(body).toHaveLength(40);
        expect(pat.isWellFormed(`pat_${body}${checkOf(`pat_${body}`)}`)).toBe(false);
      },
    );

    it('refuses a non-base62 character in the check', () => {
      expect(pat.isWellFormed(`${FIXED_TOKEN.slice(0, -1)}-`)).toBe(false);
    });

    it('refuses a missing or replaced underscore, even with a valid check', () => {
      const body = ALPHABET.slice(0, 40);
      expect(pat.isWellFormed(withCheck(`pat-${body}`))).toBe(false);
      expect(pat.isWellFormed(withCheck(`patX${body}`))).toBe(false);
      expect(pat.isWellFormed(withCheck(`pat${body}0`))).toBe(false);
    });
  });

  describe('hint', () => {
    it('is the prefix, _, the first 4 body characters, … and the last 4 characters', () => {
      expect(pat.hint(FIXED_TOKEN)).toBe('pat_0123…adE1');
      const long = new TokenFormat('abcdefghij');
      const token = long.generate(scriptedBytes(range(40, 10)));
      expect(long.hint(token)).toBe(`abcdefghij_ABCD…${token.slice(-4)}`);
    });

    it('reveals only 8 characters of a random token', () => {
      const token = pat.generate(csprng);
      const hint = pat.hint(token);
      expect(hint).toMatch(/^pat_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/);
      expect(hint).toBe(`${token.slice(0, 8)}…${token.slice(-4)}`);
    });
  });

  describe('constructor', () => {
    it.each(['PAT', 'Pat', 'p', 'abcdefghijk', 'pa_t', 'pat_', '', 'pa-t', ' pat', 'päk'])(
      'refuses the prefix %j',
      (prefix) => {
        expect(() => new TokenFormat(prefix)).toThrow(/prefix/i);
      },
    );

    it.each(['ab', 'abcdefghij', 'pat', 'gl2', '00'])('accepts the prefix %j', (prefix) => {
      expect(new TokenFormat(prefix).prefix).toBe(prefix);
    });
  });
});

describe('TokenDigester', () => {
  const pepper = 'a-pepper-of-at-least-16-chars';

  it('is HMAC-SHA-256(pepper, token) in lower-case hex', () => {
    const expected = createHmac('sha256', Buffer.from(pepper, 'utf8')).update(FIXED_TOKEN, 'utf8').digest('hex');
    const digest = new TokenDigester(pepper).digest(FIXED_TOKEN);
    expect(digest).toBe(expected);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the pepper as UTF-8', () => {
    const unicode = 'päpper-ünïcode-🔑-ok';
    expect(new TokenDigester(unicode).digest(FIXED_TOKEN)).toBe(
      createHmac('sha256', Buffer.from(unicode, 'utf8')).update(FIXED_TOKEN).digest('hex'),
    );
  });

  it('is deterministic, and differs per token and per pepper', () => {
    const digester = new TokenDigester(pepper);
    const other = pat.generate(csprng);
    expect(digester.digest(FIXED_TOKEN)).toBe(new TokenDigester(pepper).digest(FIXED_TOKEN));
    expect(digester.digest(other)).not.toBe(digester.digest(FIXED_TOKEN));
    expect(new TokenDigester(`${pepper}!`).digest(FIXED_TOKEN)).not.toBe(digester.digest(FIXED_TOKEN));
  });

  it('is not a plain hash of the token', () => {
    expect(new TokenDigester(pepper).digest(FIXED_TOKEN)).not.toBe(
      createHmac('sha256', '').update(FIXED_TOKEN).digest('hex'),
    );
  });

  it('refuses a pepper shorter than 16 characters and accepts 16', () => {
    expect(() => new TokenDigester('x'.repeat(15))).toThrow(/16/);
    expect(() => new TokenDigester('')).toThrow(/16/);
    expect(new TokenDigester('x'.repeat(16)).digest('t')).toBe(
      createHmac('sha256', 'x'.repeat(16)).update('t').digest('hex'),
    );
  });
});
