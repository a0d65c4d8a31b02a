import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  EVENT_STORE,
  NOTICE_DELIVERY_QUEUE,
  NOTICE_SCHEDULE,
  systemClock,
  type Clock,
  type EventStore,
} from '@pat/domain';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { APP_CONFIG, CLOCK, NOTIFIER_SETTINGS } from './injection-tokens';
import { DEFAULT_NOTIFIER_SETTINGS, type NotifierSettings } from './notifier-settings';
import { NotifierStoresCloser } from './notifier-stores-closer';
import { openNoticeDeliveryQueue, openNoticeSchedule, openNotifierEventStore } from './notifier-stores';

export interface NotifierOverrides {
  clock?: Clock;
  settings?: Partial<NotifierSettings>;
}

/** The configuration, clock, timings, stores and metrics registry, for every module of the notifier. */
@Global()
@Module({})
export class NotifierInfrastructureModule {
  static forRoot(config: AppConfig, overrides: NotifierOverrides = {}): DynamicModule {
    return {
      module: NotifierInfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: NOTIFIER_SETTINGS, useValue: { ...DEFAULT_NOTIFIER_SETTINGS, ...overrides.settings } },
        {
          provide: Registry,
          useFactory: () => {
            const registry = new Registry();
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        { provide: EVENT_STORE, useFactory: () => openNotifierEventStore(config) },
        {
          provide: NOTICE_SCHEDULE,
          useFactory: (store: EventStore, clock: Clock) => openNoticeSchedule(config, store, clock),
          inject: [EVENT_STORE, CLOCK],
        },
        { provide: NOTICE_DELIVERY_QUEUE, useFactory: () => openNoticeDeliveryQueue(config) },
        NotifierStoresCloser,
      ],
      exports: [APP_CONFIG, CLOCK, NOTIFIER_SETTINGS, Registry, EVENT_STORE, NOTICE_SCHEDULE, NOTICE_DELIVERY_QUEUE],
    };
  }
}
