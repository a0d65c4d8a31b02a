import { Module, type DynamicModule } from '@nestjs/common';
import { logDestination, type AppConfig } from '@pat/config';
import { SecretRedactor } from '@pat/domain';
import { LoggerModule } from 'nestjs-pino';

/**
 * Lines on stdout (JSON, or readable on a terminal). The notifier logs token ids and thresholds, never addresses or event
 * data; a token- or JWT-shaped string that reaches a line anyway (an error message) is redacted.
 */
@Module({})
export class NotifierLoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotifierLoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              autoLogging: false,
              quietReqLogger: true,
              hooks: { streamWrite: new SecretRedactor(config.tokenPrefix).redact },
            },
            logDestination(config.logFormat),
          ],
        }),
      ],
    };
  }
}
