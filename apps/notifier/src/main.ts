import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pat/config';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { createNotifierApp } from './notifier-app';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const app = await createNotifierApp(config);
  await app.listen({ port: config.notifierPort, host: config.host });
  const logger = app.get(Logger);
  for (const warning of config.warnings) logger.warn(warning);
  logger.log(`Notifier health on http://${config.host}:${config.notifierPort}/health/ready`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Invalid configuration: ${error.message}`
      : `Notifier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
