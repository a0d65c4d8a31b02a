import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  NOTICE_DELIVERY_QUEUE,
  NOTICE_SCHEDULE,
  type Clock,
  type NoticeDeliveryQueue,
  type NoticeSchedule,
} from '@pat/domain';
import { CLOCK, NOTIFIER_SETTINGS } from '../infrastructure/injection-tokens';
import type { NotifierSettings } from '../infrastructure/notifier-settings';
import { NoticeClaimer } from './notice-claimer';
import { NoticeDeliverer } from './notice-deliverer';
import { NoticeFollower } from './notice-follower';

/**
 * Runs the notifier's passes (claim what is due, deliver what is claimed) one at a time, and
 * sleeps in between on a timer set to the next due notice or the next ready delivery, re-armed
 * whenever the schedule changes. The timer never sleeps longer than the safety scan interval.
 */
@Injectable()
export class NoticeWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NoticeWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private passes: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | null = null;
  private rearmQueued = false;
  /** Whether a pass may achieve something now: the last one made progress or found nothing, or the schedule changed. */
  private mayProgress = true;
  private failures = 0;
  private lastPruneAt = 0;

  constructor(
    private readonly claimer: NoticeClaimer,
    private readonly deliverer: NoticeDeliverer,
    private readonly follower: NoticeFollower,
    @Inject(NOTICE_SCHEDULE) private readonly schedule: NoticeSchedule,
    @Inject(NOTICE_DELIVERY_QUEUE) private readonly queue: NoticeDeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFIER_SETTINGS) private readonly settings: NotifierSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.follower.onApplied(() => this.scheduleChanged());
    void this.runPass();
  }

  /** Runs a pass once the one running (if any) is over; resolves when it is done. */
  runPass(): Promise<void> {
    if (this.waiting !== null) return this.waiting;
    const pass = this.passes.then(() => {
      this.waiting = null;
      return this.pass();
    });
    this.waiting = pass;
    this.passes = pass.catch((error: unknown) => this.logger.error(`Notice pass crashed: ${String(error)}`));
    return pass;
  }

  /** Runs passes until nothing is due or ready at the clock's current time. */
  async runUntilIdle(maxPasses = 20): Promise<void> {
    for (let pass = 0; pass < maxPasses; pass++) {
      await this.runPass();
      const now = this.clock.now().getTime();
      const [due, ready] = await Promise.all([this.schedule.due(this.clock.now(), 1), this.queue.nextReadyAt()]);
      if (due.length === 0 && (ready === null || ready.getTime() > now)) return;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.passes;
  }

  private scheduleChanged(): void {
    this.mayProgress = true;
    if (!this.running || this.stopped || this.rearmQueued) return;
    this.rearmQueued = true;
    setImmediate(() => {
      this.rearmQueued = false;
      void this.arm();
    });
  }

  private async pass(): Promise<void> {
    if (this.stopped) return;
    this.clearTimer();
    this.mayProgress = false;
    try {
      const claims = await this.claimer.claimDue();
      const deliveries = await this.deliverer.deliverReady();
      // What is due when a pass that found nothing re-arms came due after it looked (its timer fired a
      // little before the clock reached the due time): the next pass will find it, so it must not wait.
      const foundNothing = claims.due === 0 && deliveries.leased === 0;
      if (foundNothing || claims.claimed > 0 || deliveries.completed > 0 || claims.due >= this.settings.claimBatch) {
        this.mayProgress = true;
      }
      await this.pruneNowAndThen();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.logger.error(`Notice pass failed, will retry: ${String(error)}`);
    }
    await this.arm();
  }

  /** Sets the timer to the next due notice or ready delivery (now, if one is), within the safety interval. */
  private async arm(): Promise<void> {
    if (this.stopped) return;
    let delay = this.settings.safetyScanMs;
    try {
      const now = this.clock.now();
      const [nextDue, nextReady] = await Promise.all([this.schedule.nextDueAt(now), this.queue.nextReadyAt()]);
      for (const next of [nextDue, nextReady]) {
        if (next !== null) delay = Math.min(delay, Math.max(0, next.getTime() - now.getTime()));
      }
    } catch (error) {
      this.logger.warn(`Could not read the next due time: ${String(error)}`);
      delay = this.settings.idleRetryMs;
    }
    if (delay === 0 && !this.mayProgress) delay = this.settings.idleRetryMs;
    if (this.failures > 0) {
      delay = Math.min(this.settings.safetyScanMs, this.settings.idleRetryMs * 2 ** Math.min(this.failures, 10));
    }
    if (this.stopped) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.runPass(), delay);
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPruneAt < this.settings.pruneEveryMs) return;
    this.lastPruneAt = now;
    await this.schedule.prune(new Date(now - this.settings.pruneAfterExpiryMs));
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
