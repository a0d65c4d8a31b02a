import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
  /** Whether X-Signature is the HMAC-SHA-256 of the raw body with the receiver's secret. */
  signatureValid: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers the next requests with these statuses, then 204. */
  failNext(...statuses: number[]): void;
  /** Answers every request with `status` (204 for success) from now on. */
  answerAlways(status: number): void;
  close(): Promise<void>;
}

/** A real HTTP receiver that verifies signatures the way a subscriber would. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queued: number[] = [];
  let always = 204;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
      const given = String(request.headers['x-signature'] ?? '');
      const signatureValid =
        given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      received.push({
        headers: request.headers,
        rawBody,
        body: JSON.parse(rawBody) as Record<string, unknown>,
        signatureValid,
      });
      response.statusCode = !signatureValid ? 401 : (queued.shift() ?? always);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/pat`,
    received,
    failNext: (...statuses) => queued.push(...statuses),
    answerAlways: (status) => {
      always = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
