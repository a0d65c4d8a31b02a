import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '@pat/config';
import { LoggerModule } from 'nestjs-pino';
import { NotifierHealthController } from './health/notifier-health.controller';

/** The expiry-notice worker. For now it only starts and reports its health. */
@Module({})
export class NotifierModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: false } }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [NotifierHealthController],
    };
  }
}
