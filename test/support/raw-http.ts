import type { Server } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** The port of a harness's HTTP server, listening on loopback from the first call on. */
export async function listeningPort(server: Server): Promise<number> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address');
  return address.port;
}

/**
 * Sends bytes as they are over TCP, however broken (an HTTP client would refuse to), and reads
 * the one answer up to the end of its body or of the connection.
 */
export function rawExchange(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`No whole answer within ${timeoutMs} ms`)), timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) {
        socket.destroy();
        finish();
      }
    });
    // The server may reset the connection once it has answered a request it did not read whole.
    socket.on('error', (error) => (chunks.length > 0 ? finish() : (clearTimeout(timer), reject(error))));
    socket.on('close', () => finish());
  });
}

function split(raw: Buffer): { head: string; body: Buffer } | null {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? null : { head: raw.subarray(0, end).toString('latin1'), body: raw.subarray(end + 4) };
}

function isComplete(raw: Buffer): boolean {
  const parts = split(raw);
  const length = parts && /^content-length:\s*(\d+)/im.exec(parts.head);
  return parts !== null && length !== null && parts.body.length >= Number(length[1]);
}

function parseAnswer(raw: Buffer): RawAnswer {
  const parts = split(raw);
  if (parts === null) throw new Error(`Not an HTTP answer: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = parts.head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (status === null) throw new Error(`Not an HTTP status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(status[1]), headers, body: parts.body.toString('utf8') };
}
