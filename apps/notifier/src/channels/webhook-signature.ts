import { createHmac } from 'node:crypto';

/** `sha256=<hex HMAC-SHA-256 of the raw body>`, the value of `X-Signature`. */
export function webhookSignature(rawBody: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
