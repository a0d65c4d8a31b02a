import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { guardOptions } from './guard-options';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.withGuard(guardOptions(process.env)),
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 8000), process.env.HOST ?? '127.0.0.1');
  process.stdout.write(`consumer-api listening on ${await app.getUrl()}\n`);
}

void main();
