import { Inject, Injectable } from '@nestjs/common';
import {
  NOTICE_DELIVERY_QUEUE,
  NOTICE_SCHEDULE,
  type Clock,
  type NoticeDeliveryQueue,
  type NoticeSchedule,
} from '@pat/domain';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CLOCK } from '../infrastructure/injection-tokens';
import { NoticeFollower } from './notice-follower';

/** What `/metrics` tells about notices: claimed, sent, failed, pending, and the lag behind the log. */
@Injectable()
export class NotifierMetrics {
  private readonly claimed: Counter;
  private readonly sent: Counter<'channel'>;
  private readonly failed: Counter<'reason'>;
  private readonly attemptFailures: Counter<'channel'>;
  private readonly delay: Histogram;

  constructor(
    registry: Registry,
    @Inject(NOTICE_SCHEDULE) schedule: NoticeSchedule,
    @Inject(NOTICE_DELIVERY_QUEUE) queue: NoticeDeliveryQueue,
    follower: NoticeFollower,
    @Inject(CLOCK) clock: Clock,
  ) {
    const registers = [registry];
    this.claimed = new Counter({
      name: 'pat_notices_claimed_total',
      help: 'Expiry notices this process claimed (recorded ExpiryNoticeSent for)',
      registers,
    });
    this.sent = new Counter({
      name: 'pat_notices_sent_total',
      help: 'Expiry notices accepted by a channel, by channel',
      labelNames: ['channel'],
      registers,
    });
    this.failed = new Counter({
      name: 'pat_notices_failed_total',
      help: 'Claimed expiry notices not delivered (recorded ExpiryNoticeFailed), by reason',
      labelNames: ['reason'],
      registers,
    });
    this.attemptFailures = new Counter({
      name: 'pat_notice_delivery_attempts_failed_total',
      help: 'Delivery attempts a channel did not accept (retried with backoff), by channel',
      labelNames: ['channel'],
      registers,
    });
    this.delay = new Histogram({
      name: 'pat_notice_delivery_delay_seconds',
      help: 'From the due time of a notice to its delivery',
      buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 3600],
      registers,
    });
    new Gauge({
      name: 'pat_notices_pending',
      help: 'Expiry notices scheduled and not yet sent, for tokens not yet expired',
      registers,
      async collect() {
        this.set(await schedule.pendingCount(clock.now()));
      },
    });
    new Gauge({
      name: 'pat_notice_deliveries_queued',
      help: 'Claimed notices not yet delivered, dropped or failed',
      registers,
      async collect() {
        this.set(await queue.queuedCount());
      },
    });
    new Gauge({
      name: 'pat_notifier_log_lag_seconds',
      help: 'Age of the oldest token event the notice schedule has not applied yet (0 when caught up)',
      registers,
      async collect() {
        this.set(await follower.lagSeconds(clock.now()));
      },
    });
  }

  noticeClaimed(): void {
    this.claimed.inc();
  }

  noticeSent(channel: string): void {
    this.sent.inc({ channel });
  }

  /** Every channel of the notice has accepted it, `delaySeconds` after it fell due. */
  noticeDelivered(delaySeconds: number): void {
    this.delay.observe(Math.max(0, delaySeconds));
  }

  noticeFailed(reason: string): void {
    this.failed.inc({ reason });
  }

  attemptFailed(channel: string): void {
    this.attemptFailures.inc({ channel });
  }
}
