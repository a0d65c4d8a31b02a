import { DomainValidationError } from '../shared/domain-error';
import { normalizeTokenName, TOKEN_NAME_MAX_LENGTH } from './token-name';

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
});
