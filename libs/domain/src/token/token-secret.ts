import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { BASE62_ALPHABET, encodeBase62 } from './base62';
import { crc32Ascii } from './crc32';

export const TOKEN_BODY_LENGTH = 40;
export const TOKEN_CHECK_LENGTH = 6;
export const TOKEN_PREFIX_PATTERN = /^[a-z0-9]{2,10}$/;

/** Fills a buffer with cryptographically secure random bytes. */
export type RandomBytes = (size: number) => Uint8Array;

/**
 * The token format `<prefix>_<body><check>`: a 40-character base62 body and the base62 CRC32
 * of everything before the check, so a typo is refused without touching any store.
 */
export class TokenFormat {
  private readonly length: number;
  private readonly bodyStart: number;

  constructor(readonly prefix: string) {
    if (!TOKEN_PREFIX_PATTERN.test(prefix)) {
      throw new Error(`Token prefix must be 2–10 lower-case letters or digits, got "${prefix}"`);
    }
    this.bodyStart = prefix.length + 1;
    this.length = this.bodyStart + TOKEN_BODY_LENGTH + TOKEN_CHECK_LENGTH;
  }

  generate(randomBytes: RandomBytes): string {
    let body = '';
    while (body.length < TOKEN_BODY_LENGTH) {
      for (const byte of randomBytes(TOKEN_BODY_LENGTH)) {
        // 248 = 4 × 62: rejecting higher bytes keeps every character equally likely.
        if (byte < 248 && body.length < TOKEN_BODY_LENGTH) body += BASE62_ALPHABET[byte % 62];
      }
    }
    const unchecked = `${this.prefix}_${body}`;
    return unchecked + encodeBase62(crc32Ascii(unchecked), TOKEN_CHECK_LENGTH);
  }

  /** Shape and check only; runs on every request, so it allocates nothing. */
  isWellFormed(candidate: string): boolean {
    if (candidate.length !== this.length || !candidate.startsWith(this.prefix)) return false;
    if (candidate.charCodeAt(this.bodyStart - 1) !== 95 /* _ */) return false;
    for (let i = this.bodyStart; i < this.length; i++) {
      if (!isBase62(candidate.charCodeAt(i))) return false;
    }
    const checkStart = this.length - TOKEN_CHECK_LENGTH;
    let check = crc32Ascii(candidate, checkStart);
    for (let i = this.length - 1; i >= checkStart; i--) {
      if (candidate.charCodeAt(i) !== BASE62_ALPHABET.charCodeAt(check % 62)) return false;
      check = Math.floor(check / 62);
    }
    return check === 0;
  }

  /** `pat_ABCD…WXYZ`: enough for a person to recognise a token, too little to use it. */
  hint(token: string): string {
    return `${token.slice(0, this.bodyStart + 4)}…${token.slice(-4)}`;
  }
}

function isBase62(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** HMAC-SHA-256(pepper, token) in hex: the only form of a token kept at rest. */
export class TokenDigester {
  private readonly key: KeyObject;

  constructor(pepper: string) {
    if (pepper.length < 16) throw new Error('The token pepper must be at least 16 characters');
    this.key = createSecretKey(Buffer.from(pepper, 'utf8'));
  }

  digest(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('hex');
  }
}
