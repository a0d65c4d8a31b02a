import type { BatchHandler, EventHandler, LogPosition, LogSubscription, RecordedEvent } from '@pat/domain';

const DEFAULT_BATCH_SIZE = 1000;
const MAX_BACKOFF_MS = 5000;

/**
 * Follows a log by reading batches after the last handled position, then sleeping until
 * woken. A failed batch or handler is retried from the same event with backoff.
 */
export class PollingSubscription implements LogSubscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private position: LogPosition | null;
  private closed = false;
  private pending = false;
  private sleeper: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    after: LogPosition | null,
    private readonly readBatch: (after: LogPosition | null, limit: number) => Promise<RecordedEvent[]>,
    private readonly handler: EventHandler,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly onClose: () => void,
    private readonly batchHandler?: BatchHandler,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {
    this.position = after;
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  start(): void {
    this.loop = this.run();
  }

  wake(): void {
    this.pending = true;
    this.sleeper?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sleeper?.();
    await this.loop;
    this.onClose();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        this.pending = false;
        const batch = await this.readBatch(this.position, this.batchSize);
        if (this.batchHandler !== undefined && batch.length > 0) {
          if (this.closed) return;
          await this.batchHandler(batch);
          this.position = batch[batch.length - 1].position;
        } else {
          for (const event of batch) {
            if (this.closed) return;
            await this.handler(event);
            this.position = event.position;
          }
        }
        failures = 0;
        if (batch.length < this.batchSize) {
          this.markCaughtUp();
          if (!this.pending) await this.sleep(null);
        }
      } catch (error) {
        failures++;
        this.onError?.(error);
        await this.sleep(Math.min(MAX_BACKOFF_MS, 50 * 2 ** failures));
      }
    }
  }

  /** Resolves when woken, after `ms` (null: only when woken), or at once once closed. */
  private sleep(ms: number | null): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
      const timer = ms === null ? undefined : setTimeout(done, ms);
      this.sleeper = done;
    });
  }
}
