import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pat/config';
import { existsSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './api-app';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = app.get(Logger);
  for (const warning of config.warnings) logger.warn(warning);
  logger.log(`API listening on http://${config.host}:${config.port}`);
  const appUrl = config.appUrl.replace(/\/$/, '');
  logger.log(`Open ${appUrl} in a browser to sign in and manage your tokens (the API's docs: ${appUrl}/api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
  } else {
    process.stderr.write(
      `API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
