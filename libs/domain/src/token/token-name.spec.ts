import { DomainValidationError } from '../shared/domain-error';
import { normalizeTokenName, TOKEN_NAME_MAX_LENGTH, tokenNamePattern } from './token-name';

function nameError(requested: unknown): DomainValidationError {
  try {
    normalizeTokenName(requested);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return error as DomainValidationError;
  }
  throw new Error(`expected ${JSON.stringify(requested)} to be refused`);
}

describe('normalizeTokenName', () => {
  it('trims surrounding white space and keeps inner spaces', () => {
    expect(normalizeTokenName('  CI  deploy \t\n')).toBe('CI  deploy');
    expect(normalizeTokenName('\u00a0nightly\u3000')).toBe('nightly');
  });

  it('keeps non-ASCII letters and emoji', () => {
    expect(normalizeTokenName('Déploiement 🚀 ñ')).toBe('Déploiement 🚀 ñ');
  });

  it.each(['', ' ', '   \t\n\r ', '\u00a0\u2003'])('refuses an empty or blank name %j', (requested) => {
    const error = nameError(requested);
    expect(error).toMatchObject({ code: 'validation_failed', field: 'name' });
    expect(error.message).toMatch(/empty|blank/);
  });

  it('accepts exactly 100 characters and refuses 101', () => {
    expect(TOKEN_NAME_MAX_LENGTH).toBe(100);
    expect(normalizeTokenName('a'.repeat(100))).toBe('a'.repeat(100));
    const error = nameError('a'.repeat(101));
    expect(error.field).toBe('name');
    expect(error.message).toMatch(/100/);
  });

  it('counts the length after trimming', () => {
    expect(normalizeTokenName(`   ${'a'.repeat(100)}   `)).toBe('a'.repeat(100));
  });

  it('states, as a pattern, a bound that no accepted name exceeds as sent', () => {
    const pattern = new RegExp(tokenNamePattern(), 'u');
    expect(pattern.test('\u03b1\u0313\u0300\u0345'.repeat(100))).toBe(true);
    expect(normalizeTokenName('\u03b1\u0313\u0300\u0345'.repeat(100))).toBe('\u1f82'.repeat(100));
    expect(pattern.test(`x${'\u03b1\u0313\u0300\u0345'.repeat(100)}`)).toBe(false);
  });
  it('counts code points, not UTF-16 units: 100 emoji pass, 101 do not', () => {
    const hundred = '🔑'.repeat(100);
    expect(hundred.length).toBe(200);
    expect(normalizeTokenName(hundred)).toBe(hundred);
    expect(nameError('🔑'.repeat(101)).field).toBe('name');
    expect(normalizeTokenName(`${'a'.repeat(99)}🔑`)).toHaveLength(101);
  });

  it.each([42, null, undefined, true, {}, ['CI'], { toString: () => 'CI' }])('refuses a non-string %p', (requested) => {
    const error = nameError(requested);
    expect(error).toMatchObject({ code: 'validation_failed', field: 'name' });
    expect(error.message).toMatch(/string/);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['line feed inside', 'CI\ndeploy'],
    ['tab inside', 'CI\tdeploy'],
    ['escape (terminal colours)', '\u001b[31mred'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['last C1 control', 'a\u009fb'],
  ])('refuses a control character (%s)', (_label, requested) => {
    const error = nameError(requested);
    expect(error).toMatchObject({ code: 'validation_failed', field: 'name' });
    expect(error.message).toMatch(/control/);
  });

  it('accepts the characters right after the control ranges', () => {
    expect(normalizeTokenName('a\u00a0b ~')).toBe('a\u00a0b ~');
  });

  it.each([
    ['right-to-left override', '\u202e', 'U+202E'],
    ['left-to-right isolate', '\u2066', 'U+2066'],
    ['right-to-left isolate', '\u2067', 'U+2067'],
    ['first strong isolate', '\u2068', 'U+2068'],
    ['pop directional isolate', '\u2069', 'U+2069'],
    ['left-to-right mark', '\u200e', 'U+200E'],
    ['zero-width space', '\u200b', 'U+200B'],
    ['byte order mark', '\ufeff', 'U+FEFF'],
    ['soft hyphen', '\u00ad', 'U+00AD'],
    ['tag character', '\u{e0041}', 'U+E0041'],
  ])('refuses a format character inside a name (%s), naming its code point', (_label, character, codePoint) => {
    const error = nameError(`CI${character}deploy`);
    expect(error).toMatchObject({ code: 'validation_failed', field: 'name' });
    expect(error.message).toContain(codePoint);
    expect(error.message).toMatch(/format/);
  });

  it.each([
    ['line separator', '\u2028', 'U+2028'],
    ['paragraph separator', '\u2029', 'U+2029'],
  ])('refuses a %s inside a name', (_label, character, codePoint) => {
    const error = nameError(`CI${character}deploy`);
    expect(error.field).toBe('name');
    expect(error.message).toContain(codePoint);
    expect(error.message).toMatch(/separator/);
  });

  it.each([
    ['a private-use character', '\ue000', 'U+E000', /private-use/],
    ['a supplementary private-use character', '\u{f0000}', 'U+F0000', /private-use/],
    ['a lone surrogate', '\ud800', 'U+D800', /surrogate/],
  ])('refuses %s', (_label, character, codePoint, kind) => {
    const error = nameError(`a${character}b`);
    expect(error.message).toContain(codePoint);
    expect(error.message).toMatch(kind);
  });

  it("keeps code points this runtime's Unicode has not assigned yet, as newer emoji are", () => {
    expect(normalizeTokenName('deploy \u{1fae9}\u{5ffff}')).toBe('deploy \u{1fae9}\u{5ffff}');
  });

  describe('tokenNamePattern, the rule as the API document states it', () => {
    const pattern = new RegExp(tokenNamePattern(), 'u');
    const samples = [
      'CI deploy',
      '  padded  ',
      'Déploiement CI',
      '部署 🚀',
      '👨\u200d👩\u200d👧',
      'می\u200cخواهم',
      '\u200da',
      'a\u200d',
      'a \u200db',
      'a\u200d\u200db',
      'a\u202eb',
      'a\u2066b\u2069',
      'a\u200bb',
      '\ufeffname',
      'line\u2028break',
      'tab\there',
      'a\ue000b',
      'a\ud800b',
      '   ',
      'new \u{1fae9}',
      '\ufeff',
      '\t CI \n',
      '\x1cname',
      'name\x85',
      '  \u200da',
      'a\u200d\t',
      'a'.repeat(100),
      ` ${'a'.repeat(100)}\t`,
      `\u00a0j${'*'.repeat(99)}`,
      'e\u0301'.repeat(100),
    ];

    it.each(samples)('agrees with the check on %j', (name) => {
      let accepted = true;
      try {
        normalizeTokenName(name);
      } catch {
        accepted = false;
      }
      expect(pattern.test(name)).toBe(accepted);
    });
  });

  it('names the first refused character of several', () => {
    expect(nameError('a\u200bb\u202ec').message).toContain('U+200B');
  });

  it('keeps zero-width joiners and non-joiners between visible characters: emoji sequences, Persian words', () => {
    const family = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}';
    const rainbowFlag = '\u{1f3f3}\ufe0f\u200d\u{1f308}';
    const persian = 'می\u200cخواهم';
    expect(normalizeTokenName(`${family} ${rainbowFlag} ${persian}`)).toBe(`${family} ${rainbowFlag} ${persian}`);
  });

  it.each([
    ['leading', '\u200dCI'],
    ['trailing', 'CI\u200c'],
    ['next to a space', 'CI \u200ddeploy'],
    ['doubled', 'CI\u200d\u200ddeploy'],
    ['next to another format character', 'CI\u200b\u200ddeploy'],
  ])('refuses a joiner that joins nothing visible (%s)', (_label, requested) => {
    expect(nameError(requested).message).toMatch(/U\+200[BCD]/);
  });

  it('normalises to NFC, and measures the length after normalising', () => {
    const decomposed = 'Cafe\u0301 de\u0301ploiement';
    expect(normalizeTokenName(decomposed)).toBe('Café déploiement');
    expect(normalizeTokenName(decomposed)).toBe(decomposed.normalize('NFC'));
    const hundredComposed = 'e\u0301'.repeat(100);
    expect([...hundredComposed]).toHaveLength(200);
    expect(normalizeTokenName(hundredComposed)).toBe('é'.repeat(100));
  });

  it('keeps letters of many scripts and combining marks that have no composed form', () => {
    const names = ['Ελληνικά', 'Кириллица', 'עברית', 'العربية', 'हिन्दी', '中文 日本語 한국어', 'ไทย', 'q\u0323\u0307'];
    for (const name of names) expect(normalizeTokenName(name)).toBe(name.normalize('NFC'));
  });
});
