import { randomInt } from 'node:crypto';
import { BASE62_ALPHABET, encodeBase62 } from './base62';

const decode = (text: string): number =>
  [...text].reduce(
    (value, char) => value * 62 + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.indexOf(char),
    0,
  );

describe('base62', () => {
  it('uses the alphabet 0-9, A-Z, a-z in that order', () => {
    expect(BASE62_ALPHABET).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
  });

  it.each<[number, number, string]>([
    [0, 6, '000000'],
    [0, 1, '0'],
    [9, 1, '9'],
    [10, 1, 'A'],
    [35, 1, 'Z'],
    [36, 1, 'a'],
    [61, 1, 'z'],
    [62, 2, '10'],
    [62, 6, '000010'],
    [3843, 3, '0zz'],
    [0xcbf43926, 6, '3jZRME'],
    [0xffffffff, 6, '4gfFC3'],
  ])('encodes %i at width %i as %s', (value, width, expected) => {
    expect(encodeBase62(value, width)).toBe(expected);
  });

  it('pads with 0 on the left but never cuts a wider value', () => {
    expect(encodeBase62(62 ** 6, 6)).toBe('1000000');
    expect(encodeBase62(123, 0)).toBe('1z');
  });

  it('fits every CRC32 in 6 characters and decodes back', () => {
    for (let n = 0; n < 500; n++) {
      const value = randomInt(0, 2 ** 32 - 1) + (n % 2);
      const encoded = encodeBase62(value, 6);
      expect(encoded).toMatch(/^[0-9A-Za-z]{6}$/);
      expect(decode(encoded)).toBe(value);
    }
  });
});
