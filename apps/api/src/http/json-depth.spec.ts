import { nestsDeeperThan } from './json-depth';

const nested = (depth: number): string => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

describe('nestsDeeperThan', () => {
  it('counts arrays and objects inside one another', () => {
    expect(nestsDeeperThan(nested(2), 4)).toBe(false);
    expect(nestsDeeperThan(nested(2), 3)).toBe(true);
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    expect(nestsDeeperThan(JSON.stringify(Array.from({ length: 1000 }, () => ({ a: [1] }))), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ name: '[[[[{{{{' }), 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ name: 'say \\"[[[[\\" and "{{{{"' }), 1)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\\\",${'['.repeat(5)}`, 3)).toBe(true);
  });

  it('answers at once for a 60 KB body of brackets', () => {
    expect(nestsDeeperThan('['.repeat(60_000), 32)).toBe(true);
    expect(nestsDeeperThan('"'.concat('['.repeat(60_000)), 32)).toBe(false);
  });
});
