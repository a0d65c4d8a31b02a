import { comparePositions, decodePosition, encodePosition } from './esdb-position';

const order = (a: string, b: string): number => Math.sign(comparePositions(decodePosition(a), decodePosition(b)));

describe('EventStoreDB log positions', () => {
  it('round-trips commit and prepare, up to the largest unsigned 64-bit value', () => {
    const positions = [
      { commit: 0n, prepare: 0n },
      { commit: 1234n, prepare: 1100n },
      { commit: 2n ** 53n + 1n, prepare: 2n ** 53n + 1n },
      { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 2n },
    ];

    for (const position of positions) expect(decodePosition(encodePosition(position))).toEqual(position);
    expect(encodePosition({ commit: 2n ** 64n - 1n, prepare: 7n })).toBe('18446744073709551615/7');
  });

  it('orders by value where the decimal strings would not', () => {
    expect(order('999/999', '1000/1000')).toBe(-1);
    expect('999/999' > '1000/1000').toBe(true);
    expect(order('9007199254740993/0', '9007199254740992/0')).toBe(1);
    expect(Number(9007199254740993n) === Number(9007199254740992n)).toBe(true);
  });

  it('breaks a tie of commit positions by the prepare position', () => {
    expect(order('5000/4100', '5000/5000')).toBe(-1);
    expect(order('5000/5000', '5000/4100')).toBe(1);
    expect(order('5000/4100', '5000/4100')).toBe(0);
    expect(order('4999/9999', '5000/0')).toBe(-1);
  });

  it.each(['', '12', '12/', '/12', '-1/3', '1.5/2', '1/2/3', 'a/b', ' 1/2', '123456789012345678901/1'])(
    'refuses %p as a position',
    (encoded) => {
      expect(() => decodePosition(encoded)).toThrow(TypeError);
    },
  );
});
