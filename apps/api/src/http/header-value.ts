/** Every character but visible ASCII, and `%` itself (the escape). */
const NEEDS_ESCAPE = /[^!-$&-~]/gu;

/**
 * User-controlled text made fit for a response header that a gateway passes on: every character
 * outside visible ASCII, and `%`, percent-encoded as UTF-8 bytes (as `encodeURIComponent` does;
 * `decodeURIComponent` reverses it). `alice` and `alice@example.com` stay as they are, `ålice`
 * becomes `%C3%A5lice`, a line break `%0D%0A`. A lone surrogate is sent as U+FFFD.
 */
export function encodeHeaderValue(text: string): string {
  return text.replace(NEEDS_ESCAPE, (character) =>
    Array.from(Buffer.from(character, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(
      '',
    ),
  );
}
