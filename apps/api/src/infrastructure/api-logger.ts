import { logDestination, type AppConfig } from '@pat/config';
import { SecretRedactor } from '@pat/domain';
import { pino, type Logger } from 'pino';

/**
 * The API's one logger, shared by Fastify (request lines) and Nest (application messages):
 * lines on stdout, JSON or readable on a terminal. No line carries request headers (see
 * RequestLogController), and any token- or JWT-shaped string that reaches a line anyway (a
 * URL, a message) is redacted as the line is written.
 */
export function createApiLogger(config: AppConfig): Logger {
  return pino(
    {
      level: config.logLevel,
      hooks: { streamWrite: new SecretRedactor(config.tokenPrefix).redact },
    },
    logDestination(config.logFormat),
  );
}
