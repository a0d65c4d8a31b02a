import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  EVENT_STORE,
  NOTICE_SCHEDULE,
  TOKEN_STREAM_PREFIX,
  type EventStore,
  type LogPosition,
  type NoticeSchedule,
  type RecordedEvent,
} from '@pat/domain';
import { ProjectionRunner } from '@pat/stores';

/** Events per schedule transaction on the embedded log: fewer, larger commits build 1M tokens twice as fast. */
const CATCH_UP_BATCH_SIZE = 5000;

async function applyEach(schedule: NoticeSchedule, events: readonly RecordedEvent[]): Promise<void> {
  for (const event of events) await schedule.apply(event);
}

/**
 * Keeps the notice schedule current: follows the log from the schedule's own durable
 * checkpoint, applies each token event to it, and tells its listeners that it changed.
 */
@Injectable()
export class NoticeFollower implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NoticeFollower.name);
  private readonly runner: ProjectionRunner;
  private readonly listeners: ((event: RecordedEvent) => void)[] = [];
  private caughtUp = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTICE_SCHEDULE) schedule: NoticeSchedule,
  ) {
    const projection = {
      apply: async (event: RecordedEvent): Promise<void> => {
        await schedule.apply(event);
        for (const listener of this.listeners) listener(event);
      },
      applyBatch: async (events: readonly RecordedEvent[]): Promise<void> => {
        await (schedule.applyBatch ? schedule.applyBatch(events) : applyEach(schedule, events));
        for (const event of events) for (const listener of this.listeners) listener(event);
      },
      checkpoint: () => schedule.checkpoint(),
    };
    this.runner = new ProjectionRunner(
      store,
      projection,
      (error) => this.logger.warn(`Notice schedule paused, will retry: ${String(error)}`),
      { batchSize: CATCH_UP_BATCH_SIZE },
    );
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    await this.runner.start();
    this.caughtUp = true;
    this.logger.log(`Notice schedule caught up with the log in ${Date.now() - started} ms`);
  }

  /** Calls `listener` after each event applied to the schedule. */
  onApplied(listener: (event: RecordedEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves true once `position` is applied to the schedule, or false after `timeoutMs`. */
  waitFor(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }

  /** Whether the schedule has caught up with the log since this process started. */
  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  get position(): LogPosition | null {
    return this.runner.position;
  }

  /** How long the oldest token event not yet applied has been in the log; 0 when there is none. */
  async lagSeconds(now: Date): Promise<number> {
    const [next] = await this.store.readAll(this.runner.position, 1, { streamPrefix: TOKEN_STREAM_PREFIX });
    return next === undefined ? 0 : Math.max(0, (now.getTime() - next.recordedAt.getTime()) / 1000);
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}
