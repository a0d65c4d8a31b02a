import { connect, type Socket } from 'node:net';

/**
 * One TCP connection to an HTTP server, written byte by byte as a slow (or hostile) client
 * would, keeping everything the server sends and whether it has closed the connection.
 */
export class RawConnection {
  private received = '';
  private isClosed = false;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.received += chunk;
      this.notify();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.isClosed = true;
      this.notify();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** What the server has sent so far. */
  get text(): string {
    return this.received;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The status code of the first response, once its status line has arrived. */
  get status(): number | null {
    const match = /^HTTP\/1\.1 (\d{3}) /.exec(this.received);
    return match ? Number(match[1]) : null;
  }

  /** The JSON body of a complete single response (after the blank line), or null. */
  get jsonBody(): Record<string, unknown> | null {
    const start = this.received.indexOf('\r\n\r\n');
    if (start < 0) return null;
    try {
      return JSON.parse(this.received.slice(start + 4)) as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  write(data: string): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /** Writes `data` one character every `intervalMs` until it is all sent or the connection closes; returns a stop. */
  trickle(data: string, intervalMs: number): { stop(): void; readonly sent: number } {
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= data.length || this.isClosed) {
        clearInterval(timer);
        return;
      }
      this.write(data[sent]);
      sent += 1;
    }, intervalMs);
    return {
      stop: () => clearInterval(timer),
      get sent() {
        return sent;
      },
    };
  }

  /** Resolves once the condition holds; rejects when it has not held within `deadlineMs`. */
  waitUntil(condition: (connection: RawConnection) => boolean, deadlineMs: number, what: string): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${what} within ${deadlineMs} ms; received ${JSON.stringify(this.received)}`));
      }, deadlineMs);
      const check = (): void => {
        if (!condition(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  waitForClose(deadlineMs: number): Promise<void> {
    return this.waitUntil((connection) => connection.closed, deadlineMs, 'close by the server');
  }

  destroy(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
