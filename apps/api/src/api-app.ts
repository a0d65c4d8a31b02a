import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBaseLogger } from 'fastify';
import { limitedHttpServer, type AppConfig } from '@pat/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { MalformedTokenGate } from './auth/malformed-token-gate';
import { UserJwtGate } from './auth/user-jwt-gate';
import { serveOpenApi } from './docs/openapi';
import { useProblemJsonParser } from './http/json-body-parser';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestValidationPipe } from './http/request-validation.pipe';
import type { InfrastructureOverrides } from './infrastructure/infrastructure.module';
import { createApiLogger } from './infrastructure/api-logger';
import { echoRequestId, requestId } from './infrastructure/request-id';
import { RequestLogController } from './infrastructure/request-log';
import { HttpRequestMetrics } from './metrics/http-request-metrics';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The API, configured and initialised but not listening. */
export async function createApiApp(
  config: AppConfig,
  overrides: InfrastructureOverrides = {},
): Promise<NestFastifyApplication> {
  const logger = createApiLogger(config);
  const adapter = new FastifyAdapter({
    serverFactory: limitedHttpServer(config),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestId,
    trustProxy: config.trustProxy,
    loggerInstance: logger,
    logController: new RequestLogController(),
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
    skipMiddie: true,
  });
  useProblemJsonParser(adapter.getInstance());
  echoRequestId(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, overrides), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.get(HttpRequestMetrics).instrument(adapter.getInstance());
  app.get(MalformedTokenGate).install(adapter.getInstance());
  app.get(UserJwtGate).install(adapter.getInstance());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new RequestValidationPipe());
  app.enableShutdownHooks();
  serveOpenApi(app);
  await app.init();
  return app;
}
