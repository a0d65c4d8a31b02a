import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { limitedHttpServer, type AppConfig } from '@pat/config';
import { Logger } from 'nestjs-pino';
import type { NotifierOverrides } from './infrastructure/notifier-infrastructure.module';
import { NotifierModule } from './notifier.module';

/** The notifier, configured and initialised (its schedule caught up with the log) but not listening. */
export async function createNotifierApp(
  config: AppConfig,
  overrides: NotifierOverrides = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    NotifierModule.forRoot(config, overrides),
    new FastifyAdapter({ serverFactory: limitedHttpServer(config) }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
