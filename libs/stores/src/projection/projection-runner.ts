import type { EventStore, LogPosition, LogSubscription, RecordedEvent, TokenProjection } from '@pat/domain';
import { TOKEN_STREAM_PREFIX } from '@pat/domain';
import { FreshnessProbe, type FreshnessOptions } from './projection-freshness';

interface Waiter {
  position: LogPosition;
  resolve: (reached: boolean) => void;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** Keep this signal true only while the projection is known to be current (see `FreshnessProbe`). */
  freshness?: FreshnessOptions;
}

/**
 * Keeps a projection current by following the log from the projection's own checkpoint,
 * lets a writer wait until its append is visible in it (read-your-writes), and, when asked,
 * keeps a signal of whether it is known to be current.
 */
export class ProjectionRunner {
  private subscription: LogSubscription | null = null;
  private applied: LogPosition | null = null;
  private waiters: Waiter[] = [];
  private readonly probe: FreshnessProbe | null;

  constructor(
    private readonly store: EventStore,
    private readonly projection: TokenProjection,
    private readonly onError: (error: unknown) => void,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.probe =
      options.freshness === undefined
        ? null
        : new FreshnessProbe(
            () => this.store.headPosition({ streamPrefix: TOKEN_STREAM_PREFIX }),
            (position) => this.reached(position),
            options.freshness,
          );
  }

  /** Resolves once the projection has caught up with the log. */
  async start(): Promise<void> {
    const startedAt = FreshnessProbe.moment();
    this.applied = await this.projection.checkpoint();
    const applyBatch = this.projection.applyBatch?.bind(this.projection);
    this.subscription = this.store.subscribeToAll(this.applied, (event) => this.handle(event), {
      streamPrefix: TOKEN_STREAM_PREFIX,
      onError: this.onError,
      batchSize: this.options.batchSize,
      batchHandler:
        applyBatch &&
        (async (events) => {
          await applyBatch(events);
          this.advance(events[events.length - 1].position);
        }),
    });
    await this.subscription.caughtUp;
    this.probe?.start(startedAt);
  }

  get position(): LogPosition | null {
    return this.applied;
  }

  /** Resolves true once `position` is applied, or false after `timeoutMs`. */
  waitFor(position: LogPosition, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve: (reached) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves true once every event recorded before the call is applied, or false after `timeoutMs`. */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const head = await this.store.headPosition({ streamPrefix: TOKEN_STREAM_PREFIX });
    return head === null || this.waitFor(head, timeoutMs);
  }

  async stop(): Promise<void> {
    this.probe?.stop();
    await this.subscription?.close();
    this.subscription = null;
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }

  private async handle(event: RecordedEvent): Promise<void> {
    await this.projection.apply(event);
    this.advance(event.position);
  }

  private advance(position: LogPosition): void {
    this.applied = position;
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (this.reached(waiter.position)) waiter.resolve(true);
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private reached(position: LogPosition): boolean {
    return this.applied !== null && this.store.comparePositions(this.applied, position) >= 0;
  }
}
