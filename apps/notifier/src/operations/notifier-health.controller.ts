import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { EVENT_STORE, NOTICE_SCHEDULE, type EventStore, type NoticeSchedule } from '@pat/domain';
import { NoticeFollower } from '../notices/notice-follower';

@Controller('health')
export class NotifierHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTICE_SCHEDULE) private readonly schedule: NoticeSchedule,
    private readonly follower: NoticeFollower,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Ready: the event log and the schedule answer, and the schedule has caught up with the log. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.answers('eventStore', () => this.store.ping()),
      () => this.answers('noticeSchedule', () => this.schedule.ping()),
      () => {
        const indicator = this.indicators.check('follower');
        const details = { caughtUp: this.follower.isCaughtUp, position: this.follower.position };
        return Promise.resolve(this.follower.isCaughtUp ? indicator.up(details) : indicator.down(details));
      },
    ]);
  }

  private async answers(key: string, ping: () => Promise<void>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }
}
