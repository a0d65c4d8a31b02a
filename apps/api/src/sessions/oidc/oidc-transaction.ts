import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the browser carries from the redirect to the provider back to the callback, and nothing else. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export const OIDC_TRANSACTION_COOKIE = 'pat_oidc';
/** How long a person may take at the provider's sign-in. */
export const OIDC_TRANSACTION_SECONDS = 600;

/**
 * The transaction as a cookie value, signed so that nobody can plant one of their own in a
 * browser (a sign-in into the attacker's account), and bound to its issue time.
 */
export class OidcTransactionCodec {
  constructor(private readonly key: Buffer) {}

  encode(transaction: OidcTransaction, now: Date): string {
    const payload = Buffer.from(JSON.stringify({ ...transaction, issuedAt: now.getTime() })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The transaction, or null when the value is not one this service signed in the last OIDC_TRANSACTION_SECONDS. */
  decode(value: string | undefined, now: Date): OidcTransaction | null {
    const [payload, signature, ...rest] = (value ?? '').split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(payload));
    const sent = Buffer.from(signature);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return null;
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcTransaction & {
      issuedAt: number;
    };
    if (now.getTime() - parsed.issuedAt > OIDC_TRANSACTION_SECONDS * 1000) return null;
    return { state: parsed.state, nonce: parsed.nonce, codeVerifier: parsed.codeVerifier };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
