import { createHmac } from 'node:crypto';

/**
 * The value of `X-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>">`.
 * The time is signed with the body, so a receiver can refuse a notice replayed later.
 */
export function webhookSignature(rawBody: string | Buffer, secret: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
