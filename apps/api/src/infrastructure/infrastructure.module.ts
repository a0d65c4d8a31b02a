import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  EVENT_STORE,
  TOKEN_PROJECTION,
  TOKEN_READ_MODEL,
  TOKEN_USAGE_STORE,
  TokenDigester,
  WEB_SESSION_STORE,
  TokenFormat,
  systemClock,
  type Clock,
} from '@pat/domain';
import {
  openEventStore,
  openTokenReadModel,
  openTokenUsageStore,
  openWebSessionStore,
  ProjectionFreshness,
} from '@pat/stores';
import { Registry } from 'prom-client';
import { createMetricsRegistry } from '../metrics/metrics.registry';
import { ProjectionMetrics } from '../metrics/projection-metrics';
import { APP_CONFIG } from './app-config.provider';
import { CLOCK } from './clock.provider';
import { READ_MODEL_STORE, ReadModelFollower } from './read-model-follower';
import { retryUntilOpen } from './retry-until-open';

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
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: ProjectionFreshness, useValue: new ProjectionFreshness() },
        {
          provide: READ_MODEL_STORE,
          inject: [ProjectionFreshness],
          useFactory: (freshness: ProjectionFreshness) =>
            retryUntilOpen('read model', () => openTokenReadModel(config, freshness)),
        },
        { provide: TOKEN_READ_MODEL, useExisting: READ_MODEL_STORE },
        { provide: TOKEN_PROJECTION, useExisting: READ_MODEL_STORE },
        {
          provide: TOKEN_USAGE_STORE,
          useFactory: () => retryUntilOpen('token usage store', () => openTokenUsageStore(config)),
        },
        {
          provide: WEB_SESSION_STORE,
          useFactory: () => retryUntilOpen('web session store', () => openWebSessionStore(config)),
        },
        ProjectionMetrics,
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
        TOKEN_PROJECTION,
        TOKEN_USAGE_STORE,
        WEB_SESSION_STORE,
        ReadModelFollower,
      ],
    };
  }
}
