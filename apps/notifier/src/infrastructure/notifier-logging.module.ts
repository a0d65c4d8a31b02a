import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { LoggerModule } from 'nestjs-pino';

/** JSON lines on stdout. The notifier logs token ids and thresholds, never addresses or event data. */
@Module({})
export class NotifierLoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotifierLoggingModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: false, quietReqLogger: true } }),
      ],
    };
  }
}
