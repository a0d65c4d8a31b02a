import { TOKEN_BODY_LENGTH, TOKEN_PREFIX_PATTERN } from './token-secret';

export const REDACTED = '[redacted]';
const JWT_MARKER = 'eyJ';
const USERINFO_MARKER = '@';
/** The `user:password` of `scheme://user:password@host`, as an error message may quote a connection string. */
const USERINFO = String.raw`(?<=:\/\/)[^\s/?#@"'<>\\]+(?=@)`;

/**
 * Replaces every token-shaped and JWT-shaped substring of a text, and the credentials of any
 * URL in it, for log lines. A token is matched from its body on, so one with a wrong or
 * missing check is redacted too; a JWT is matched from its `eyJ` header (`{"` in base64url)
 * through its signature.
 *
 * Each pattern has at most one possible start per run of the characters it matches, so the
 * cost is linear in the text, however hostile: a token's body cannot hold `_`, so no `<prefix>_`
 * starts inside another's body; a JWT starts only where no base64url character precedes it,
 * so a run of `eyJeyJ…` offers one start, not one per `eyJ` (each of which would scan the
 * rest of the run: quadratic); URL credentials start only after `://` and end at the next `/`,
 * which every later `://` holds.
 */
export class SecretRedactor {
  private readonly pattern: RegExp;
  private readonly tokenMarker: string;

  constructor(tokenPrefix: string) {
    if (!TOKEN_PREFIX_PATTERN.test(tokenPrefix)) throw new Error(`Not a token prefix: "${tokenPrefix}"`);
    this.tokenMarker = `${tokenPrefix}_`;
    this.pattern = new RegExp(
      `${tokenPrefix}_[0-9A-Za-z]{${TOKEN_BODY_LENGTH},}|(?<![\\w-])eyJ[\\w-]+\\.[\\w-]+(?:\\.[\\w-]*)?|${USERINFO}`,
      'g',
    );
  }

  /** Most lines hold no marker; looking for them first is far cheaper than the pattern. */
  readonly redact = (text: string): string =>
    text.includes(this.tokenMarker) || text.includes(JWT_MARKER) || text.includes(USERINFO_MARKER)
      ? text.replace(this.pattern, REDACTED)
      : text;
}
