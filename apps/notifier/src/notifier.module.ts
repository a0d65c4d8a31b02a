import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { NotifierInfrastructureModule, type NotifierOverrides } from './infrastructure/notifier-infrastructure.module';
import { NotifierLoggingModule } from './infrastructure/notifier-logging.module';
import { NoticesModule } from './notices/notices.module';
import { OperationsModule } from './operations/operations.module';

/** The expiry-notice worker: follows the log, claims due notices, delivers them, reports on itself. */
@Module({})
export class NotifierModule {
  static forRoot(config: AppConfig, overrides: NotifierOverrides = {}): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        NotifierLoggingModule.forRoot(config),
        NotifierInfrastructureModule.forRoot(config, overrides),
        NoticesModule,
        OperationsModule,
      ],
    };
  }
}
