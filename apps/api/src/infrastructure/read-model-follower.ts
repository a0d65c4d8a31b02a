import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type LogPosition, type RecordedEvent } from '@pat/domain';
import type { AppConfig } from '@pat/config';
import { ProjectionFreshness, ProjectionRunner, type TokenReadModelStore } from '@pat/stores';
import { APP_CONFIG } from './app-config.provider';
import { ProjectionMetrics } from '../metrics/projection-metrics';

export const READ_MODEL_STORE = Symbol('ReadModelStore');

/** Builds the read model from the log before the app serves, then keeps it current. */
@Injectable()
export class ReadModelFollower implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(ReadModelFollower.name);
  private readonly runner: ProjectionRunner;
  private caughtUp = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModel: TokenReadModelStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly freshness: ProjectionFreshness,
    metrics: ProjectionMetrics,
  ) {
    const projection = {
      apply: async (event: RecordedEvent): Promise<void> => {
        await readModel.apply(event);
        metrics.applied(event, this.caughtUp);
      },
      checkpoint: () => readModel.checkpoint(),
    };
    this.runner = new ProjectionRunner(
      store,
      projection,
      (error) => this.logger.warn(`Read model projection paused, will retry: ${String(error)}`),
      { freshness: { signal: freshness, maxLagMs: config.readModelMaxLagMs } },
    );
    metrics.currentWhile(() => freshness.current);
    freshness.onChange((current) => this.reportFreshness(current, config.readModelMaxLagMs));
  }

  /** Whether the read model is known to have applied every event recorded up to READ_MODEL_MAX_LAG_MS ago. */
  get current(): boolean {
    return this.freshness.current;
  }

  private reportFreshness(current: boolean, maxLagMs: number): void {
    if (current) {
      if (this.caughtUp) this.logger.log('Read model current again: token checks trust it');
      return;
    }
    if (!this.caughtUp) return;
    this.logger.warn(
      `Read model not known to be current within ${maxLagMs} ms (projection behind, or the event store not answering): token checks stop trusting it`,
    );
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    await this.runner.start();
    this.caughtUp = true;
    this.logger.log(`Read model caught up with the log in ${Date.now() - started} ms`);
  }

  /** Resolves true once `position` is visible to queries of this process. */
  waitFor(position: LogPosition, timeoutMs = 5000): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }

  /** Resolves true once queries of this process see every event recorded before the call. */
  catchUp(timeoutMs = 5000): Promise<boolean> {
    return this.runner.catchUp(timeoutMs);
  }

  get position(): LogPosition | null {
    return this.runner.position;
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.store.close(), this.readModel.close?.()]);
  }
}
