export interface SseMessage {
  id: string;
  /** The `event:` field; `message` when the frame has none, as EventSource dispatches it. */
  event: string;
  data: string;
}

/**
 * A Server-Sent Events client over fetch that keeps every message and comment it reads,
 * for tests that need the raw frames (EventSource hides comments and can't send headers).
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly done: Promise<void>;
  private serverEnded = false;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.done = this.read().catch(() => undefined);
  }

  /** Whether the server has ended the response. */
  get ended(): boolean {
    return this.serverEnded;
  }

  static async connect(url: string, headers: Record<string, string>): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    return new SseClient(response, abort);
  }

  /** Resolves once `count` messages have arrived in all; rejects after `timeoutMs`. */
  async waitForMessages(count: number, timeoutMs: number): Promise<SseMessage[]> {
    await this.waitUntil(() => this.messages.length >= count, timeoutMs, `${count} messages`);
    return this.messages.slice(0, count);
  }

  /** Resolves once the comment `text` has arrived `count` times in all; rejects after `timeoutMs`. */
  async waitForComment(text: string, timeoutMs: number, count = 1): Promise<void> {
    const arrived = (): number => this.comments.filter((comment) => comment === text).length;
    await this.waitUntil(() => arrived() >= count, timeoutMs, `${count} × the comment "${text}"`);
  }

  /** Resolves once the server has ended the response; rejects after `timeoutMs`. */
  async waitForEnd(timeoutMs: number): Promise<void> {
    await this.waitUntil(() => this.serverEnded, timeoutMs, 'end of the stream');
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms; got ${this.messages.length} messages`));
      }, timeoutMs);
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  private async read(): Promise<void> {
    if (!this.response.body) return;
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of this.response.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        this.parse(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
      }
      this.notify();
    }
    this.serverEnded = true;
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private parse(frame: string): void {
    let id = '';
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) this.messages.push({ id, event, data: data.join('\n') });
  }
}
