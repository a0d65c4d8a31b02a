import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { SecretRedactor } from '@pat/domain';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';

export const REDACTED_PATHS = [
  'req.headers["x-api-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * JSON lines on stdout, one per request and per message. Credential headers are redacted by
 * path; token- and JWT-shaped strings anywhere else in a line (URLs, messages) as it is written.
 */
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
              hooks: { streamWrite: new SecretRedactor(config.tokenPrefix).redact },
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
