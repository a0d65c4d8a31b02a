import { DomainValidationError } from '../shared/domain-error';

export const TOKEN_NAME_MAX_LENGTH = 100;
/** The most code points NFC joins into one character (U+1F82: alpha with three marks). */
const MOST_CODE_POINTS_PER_COMPOSED_CHARACTER = 4;

/**
 * Characters a name may not carry, by Unicode general category: they are invisible, reorder
 * the text around them (bidirectional controls) or break lines where a name is shown (a mail
 * subject, a terminal, a table), or have no agreed meaning (private use). Letters of every
 * script, marks, digits, punctuation, symbols (emoji) and spaces are kept; so are code points
 * unassigned in this runtime's Unicode version, since each version assigns new emoji.
 */
const REFUSED_CATEGORIES: readonly (readonly [RegExp, string])[] = [
  [/\p{Cc}/u, 'a control character'],
  [
    /\p{Cf}/u,
    'an invisible format character, such as a bidirectional control, a zero-width space or a byte order mark',
  ],
  [/[\p{Zl}\p{Zp}]/u, 'a line or paragraph separator'],
  [/\p{Co}/u, 'a private-use character'],
  [/\p{Cs}/u, 'a lone surrogate'],
];
const REFUSED = new RegExp(REFUSED_CATEGORIES.map(([category]) => category.source).join('|'), 'gu');

/**
 * Zero-width joiner and non-joiner (format characters) join emoji sequences and are part of
 * the spelling of Persian and Indic words: kept between two visible characters, refused
 * anywhere else (leading, trailing, next to a space or to another invisible character).
 */
const JOINERS = new Set([0x200c, 0x200d]);
const INVISIBLE_OR_SPACE = new RegExp(`${REFUSED.source}|[\\s\\p{Zs}]`, 'u');

/** Normalises a requested token name (NFC, trimmed) and checks it: 1–100 characters, none refused. */
export function normalizeTokenName(requested: unknown): string {
  if (typeof requested !== 'string') {
    throw new DomainValidationError('name', 'name must be a string');
  }
  const name = requested.normalize('NFC').trim();
  const length = [...name].length;
  if (length === 0) {
    throw new DomainValidationError('name', 'name must not be empty or blank');
  }
  if (length > TOKEN_NAME_MAX_LENGTH) {
    throw new DomainValidationError('name', `name must be at most ${TOKEN_NAME_MAX_LENGTH} characters`);
  }
  const refused = firstRefusedCharacter(name);
  if (refused !== null) {
    throw new DomainValidationError('name', `name must not contain ${codePointLabel(refused)} (${kindOf(refused)})`);
  }
  return name;
}

function firstRefusedCharacter(name: string): string | null {
  for (const match of name.matchAll(REFUSED)) {
    const character = match[0];
    if (JOINERS.has(character.codePointAt(0) ?? 0) && joinsVisibleCharacters(name, match.index)) continue;
    return character;
  }
  return null;
}

function joinsVisibleCharacters(name: string, index: number): boolean {
  const before = [...name.slice(Math.max(0, index - 2), index)].at(-1);
  const after = name.codePointAt(index + 1);
  if (before === undefined || after === undefined) return false;
  return !INVISIBLE_OR_SPACE.test(before) && !INVISIBLE_OR_SPACE.test(String.fromCodePoint(after));
}

function kindOf(character: string): string {
  if (JOINERS.has(character.codePointAt(0) ?? 0)) {
    return 'a zero-width joiner or non-joiner is allowed only between two visible characters';
  }
  return REFUSED_CATEGORIES.find(([category]) => category.test(character))?.[1] ?? 'a refused character';
}

function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The rule above as one regular expression over the name as sent, for the API document:
 * white space at either end (which is trimmed) around characters that begin and end with a
 * visible one, none refused, a joiner only between two visible characters. The length it bounds
 * is the most that NFC can join into 100 characters, since a pattern cannot normalise. Written
 * so that ECMAScript (with the `u` flag) and Python read it alike: classes are spelled out
 * (their `\\s` differ), with `\\uXXXX` escapes in the basic plane, the characters themselves beyond.
 */
export function tokenNamePattern(): string {
  const space = characterClass(/\s/u);
  const refused = characterClass(REFUSED);
  const invisible = characterClass(INVISIBLE_OR_SPACE);
  const joined = `(?<=[^${invisible}])[\\u200c\\u200d](?=[^${invisible}])`;
  const visible = `[^${space}${refused}]`;
  const inner = `(?:[^${refused}]|${joined}){0,${TOKEN_NAME_MAX_LENGTH * MOST_CODE_POINTS_PER_COMPOSED_CHARACTER - 2}}`;
  return `^[${space}]*${visible}(?:${inner}${visible})?[${space}]*$`;
}

function characterClass(pattern: RegExp): string {
  const test = new RegExp(pattern.source, 'u');
  let body = '';
  let start = -1;
  for (let code = 0; code <= 0x110000; code++) {
    const inside = code <= 0x10ffff && test.test(String.fromCodePoint(code));
    if (inside && start < 0) start = code;
    if (!inside && start >= 0) {
      body += start === code - 1 ? classCharacter(start) : `${classCharacter(start)}-${classCharacter(code - 1)}`;
      start = -1;
    }
  }
  return body;
}

function classCharacter(code: number): string {
  return code > 0xffff ? String.fromCodePoint(code) : `\\u${code.toString(16).padStart(4, '0')}`;
}
