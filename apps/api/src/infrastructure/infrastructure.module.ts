import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  EVENT_STORE,
  TOKEN_PROJECTION,
  TOKEN_READ_MODEL,
  TokenDigester,
  TokenFormat,
  systemClock,
  type Clock,
} from '@pat/domain';
import { InMemoryTokenReadModel, SqliteEventStore } from '@pat/stores';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createMetricsRegistry } from '../metrics/metrics.registry';
import { APP_CONFIG } from './app-config.provider';
import { CLOCK } from './clock.provider';
import { ReadModelFollower } from './read-model-follower';

export interface InfrastructureOverrides {
  clock?: Clock;
}

/** The configured stores, secrets and clock, for every module of the API. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: TokenFormat, useValue: new TokenFormat(config.tokenPrefix) },
        { provide: TokenDigester, useValue: new TokenDigester(config.tokenPepper) },
        { provide: Registry, useFactory: createMetricsRegistry },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            new SqliteEventStore(join(config.dataDir, 'events.sqlite'), { busyTimeoutMs: config.sqliteBusyTimeoutMs }),
        },
        InMemoryTokenReadModel,
        { provide: TOKEN_READ_MODEL, useExisting: InMemoryTokenReadModel },
        { provide: TOKEN_PROJECTION, useExisting: InMemoryTokenReadModel },
        ReadModelFollower,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        TokenFormat,
        TokenDigester,
        Registry,
        EVENT_STORE,
        TOKEN_READ_MODEL,
        ReadModelFollower,
      ],
    };
  }
}
