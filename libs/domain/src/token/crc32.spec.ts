import { randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32Ascii } from './crc32';

const ALL_ASCII = String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i));

describe('crc32Ascii', () => {
  it('matches the standard check value crc32("123456789") = 0xCBF43926', () => {
    expect(crc32Ascii('123456789')).toBe(0xcbf43926);
  });

  it('matches known vectors', () => {
    expect(crc32Ascii('')).toBe(0);
    expect(crc32Ascii('a')).toBe(0xe8b7be43);
    expect(crc32Ascii('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });

  it.each([
    'pat_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd',
    'ghp_',
    ALL_ASCII,
    '\u0000\u0000\u0000\u0000',
    '~'.repeat(1000),
  ])('equals zlib.crc32 for %j', (text) => {
    expect(crc32Ascii(text)).toBe(crc32(text));
  });

  it('equals zlib.crc32 for random ASCII strings, and is an unsigned 32-bit value', () => {
    for (let n = 0; n < 300; n++) {
      const text = String.fromCharCode(...Array.from({ length: randomInt(0, 80) }, () => randomInt(0, 128)));
      const value = crc32Ascii(text);
      expect(value).toBe(crc32(text));
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(0xffffffff);
    }
  });

  it('covers only the characters before `end`', () => {
    const text = 'pat_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd4GadE1';
    expect(crc32Ascii(text, 44)).toBe(crc32(text.slice(0, 44)));
    expect(crc32Ascii(text, 0)).toBe(0);
    expect(crc32Ascii(text, text.length)).toBe(crc32(text));
  });
});
