/** The shortest secret accepted: an HS256 key must be at least as long as the hash (RFC 7518 §3.2). */
export const MIN_SECRET_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 8;
const PLACEHOLDERS = /change-?me|changeit|replace-?me/i;

/**
 * The rules every secret meets, wherever it comes from (the environment, a `_FILE`, or a file
 * generated into DATA_DIR): why a value is refused, or null. Never quotes the value.
 */
export function secretProblem(value: string): string | null {
  const hint = 'generate one with `openssl rand -base64 32`';
  if (value.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters; ${hint}`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `repeats too few characters to be a secret; ${hint}`;
  if (PLACEHOLDERS.test(value)) return `is a placeholder from an example, not a secret; ${hint}`;
  return null;
}
