import { TOKEN_BODY_LENGTH, TOKEN_PREFIX_PATTERN } from './token-secret';

export const REDACTED = '[redacted]';
const JWT_MARKER = 'eyJ';

/**
 * Replaces every token-shaped and JWT-shaped substring of a text, for log lines. A token is
 * matched from its body on, so one with a wrong or missing check is redacted too; a JWT is
 * matched from its `eyJ` header (`{"` in base64url) through its signature.
 *
 * Each pattern has at most one possible start per run of the characters it matches, so the
 * cost is linear in the text, however hostile: a token's body cannot hold `_`, so no `<prefix>_`
 * starts inside another's body; a JWT starts only where no base64url character precedes it,
 * so a run of `eyJeyJ…` offers one start, not one per `eyJ` (each of which would scan the
 * rest of the run: quadratic).
 */
export class SecretRedactor {
  private readonly pattern: RegExp;
  private readonly tokenMarker: string;

  constructor(tokenPrefix: string) {
    if (!TOKEN_PREFIX_PATTERN.test(tokenPrefix)) throw new Error(`Not a token prefix: "${tokenPrefix}"`);
    this.tokenMarker = `${tokenPrefix}_`;
    this.pattern = new RegExp(
      `${tokenPrefix}_[0-9A-Za-z]{${TOKEN_BODY_LENGTH},}|(?<![\\w-])eyJ[\\w-]+\\.[\\w-]+(?:\\.[\\w-]*)?`,
      'g',
    );
  }

  /** Most lines hold neither marker; looking for them first is far cheaper than the pattern. */
  readonly redact = (text: string): string =>
    text.includes(this.tokenMarker) || text.includes(JWT_MARKER) ? text.replace(this.pattern, REDACTED) : text;
}
