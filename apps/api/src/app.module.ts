import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from '@pat/config';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { InfrastructureModule, type InfrastructureOverrides } from './infrastructure/infrastructure.module';
import { LoggingModule } from './infrastructure/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { TokensModule } from './tokens/tokens.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger, overrides: InfrastructureOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logger),
        InfrastructureModule.forRoot(config, overrides),
        ScheduleModule.forRoot(),
        AuthModule,
        TokensModule,
        AuditModule,
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
