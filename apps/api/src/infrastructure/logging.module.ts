import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';

export const REDACTED_PATHS = [
  'req.headers["x-api-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** JSON lines on stdout, one per request and per message, with credentials redacted. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              customProps: (request) => ({ correlationId: request.id }),
              autoLogging: { ignore: (request) => request.url?.startsWith('/health/') ?? false },
              quietReqLogger: true,
            },
            // One request line each is the API's largest cost under load: written asynchronously,
            // the lines of concurrent requests go out in one write instead of one each.
            destination({ dest: 1, sync: false }),
          ],
        }),
      ],
    };
  }
}
