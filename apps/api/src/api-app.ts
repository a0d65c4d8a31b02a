import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBaseLogger } from 'fastify';
import { limitedHttpServer, type AppConfig } from '@pat/config';
import { Logger } from 'nestjs-pino';
import { maxHeaderSize } from 'node:http';
import { AppModule } from './app.module';
import { MalformedTokenGate } from './auth/malformed-token-gate';
import { OPENAPI_UI_PAGES, serveOpenApi } from './docs/openapi';
import { ApiFastifyAdapter } from './http/api-fastify-adapter';
import { EarlyErrors } from './http/early-errors';
import { BODY_LIMIT_BYTES, useJsonBodies } from './http/json-body-parser';
import { UserJwtGate } from './auth/user-jwt-gate';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestValidationPipe } from './http/request-validation.pipe';
import { SecurityHeaders } from './http/security-headers';
import { UnmatchedRequests } from './http/unmatched-requests';
import type { InfrastructureOverrides } from './infrastructure/infrastructure.module';
import { createApiLogger } from './infrastructure/api-logger';
import { echoRequestId, requestId } from './infrastructure/request-id';
import { RequestLogController } from './infrastructure/request-log';
import { HttpRequestMetrics } from './metrics/http-request-metrics';
import { serveTokenPage, TOKEN_PAGE_ROUTES } from './web/token-page';

/** The API, configured and initialised but not listening. */
export async function createApiApp(
  config: AppConfig,
  overrides: InfrastructureOverrides = {},
): Promise<NestFastifyApplication> {
  const logger = createApiLogger(config);
  const securityHeaders = await SecurityHeaders.fromHelmet();
  const earlyErrors = new EarlyErrors(securityHeaders.api);
  const unmatched = new UnmatchedRequests();
  const adapter = new ApiFastifyAdapter(
    {
      serverFactory: limitedHttpServer(config, { answersMissingHost: true }),
      bodyLimit: BODY_LIMIT_BYTES,
      genReqId: requestId,
      trustProxy: config.trustProxy,
      loggerInstance: logger,
      logController: new RequestLogController(),
      childLoggerFactory: (logger: FastifyBaseLogger) => logger,
      skipMiddie: true,
      // As long as the request line may be: a long token id is answered 404 like any other non-id.
      routerOptions: { maxParamLength: maxHeaderSize },
      clientErrorHandler: earlyErrors.onClientError,
      frameworkErrors: earlyErrors.onFrameworkError,
    },
    unmatched,
  );
  const fastify = adapter.getInstance();
  useJsonBodies(fastify);
  echoRequestId(fastify);
  securityHeaders.install(
    fastify,
    { docs: OPENAPI_UI_PAGES, tokenPage: TOKEN_PAGE_ROUTES },
    config.trustProxy !== false,
  );
  earlyErrors.refuseRequestsWithoutHost(fastify);
  unmatched.collect(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, overrides), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Cookies are read by the one hook that needs them (the user gate), not parsed on every request.
  await app.register(fastifyCookie, { hook: false });
  app.get(HttpRequestMetrics).instrument(fastify);
  app.get(MalformedTokenGate).install(fastify);
  app.get(UserJwtGate).install(fastify);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new RequestValidationPipe());
  app.enableShutdownHooks();
  serveOpenApi(app, config);
  await serveTokenPage(app);
  await app.init();
  return app;
}
