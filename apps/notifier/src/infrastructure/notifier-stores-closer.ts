import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, NOTICE_DELIVERY_QUEUE, NOTICE_SCHEDULE } from '@pat/domain';
import type { EventStore, NoticeDeliveryQueue, NoticeSchedule } from '@pat/domain';

/** Closes the stores once everything that uses them has stopped. */
@Injectable()
export class NotifierStoresCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTICE_SCHEDULE) private readonly schedule: NoticeSchedule,
    @Inject(NOTICE_DELIVERY_QUEUE) private readonly queue: NoticeDeliveryQueue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.schedule.close(), this.queue.close()]);
    await this.store.close();
  }
}
