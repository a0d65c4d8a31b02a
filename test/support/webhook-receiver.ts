import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readmeWebhookVerifier } from './readme-examples';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body as JSON; empty when it is not a JSON object. */
  body: Record<string, unknown>;
  /** Whether the README's example accepted X-Signature for the raw body, with the receiver's secret. */
  signatureValid: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers the next requests with these statuses, then 204. */
  failNext(...statuses: number[]): void;
  /** Answers every request with `status` (204 for success) from now on. */
  answerAlways(status: number, body?: string): void;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver that verifies signatures as a subscriber would: with the README's
 * example, run as it is written there. A request it refuses is answered 401.
 */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const verify = readmeWebhookVerifier();
  const received: ReceivedWebhook[] = [];
  const queued: number[] = [];
  let always = { status: 204, body: '' };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signatureValid = verify(raw, request.headers['x-signature'], secret);
      const rawBody = raw.toString('utf8');
      received.push({ headers: request.headers, rawBody, body: parsed(rawBody), signatureValid });
      const queuedStatus = queued.shift();
      response.statusCode = !signatureValid ? 401 : (queuedStatus ?? always.status);
      response.end(signatureValid && queuedStatus === undefined ? always.body : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/pat`,
    received,
    failNext: (...statuses) => queued.push(...statuses),
    answerAlways: (status, body = '') => {
      always = { status, body };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parsed(rawBody: string): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(rawBody);
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
