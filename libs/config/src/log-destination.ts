import { destination, type DestinationStream } from 'pino';
import PinoPretty from 'pino-pretty';
import type { AppConfig } from './app-config';

export type LogFormat = AppConfig['logFormat'];

/** The fields of a request line (see RequestLogController), put first as `GET /path 200 1.2 ms`. */
const REQUEST_FIELDS = ['method', 'url', 'statusCode', 'responseTime'] as const;

function readableMessage(line: Record<string, unknown>, messageKey: string): string {
  const { method, url, statusCode, responseTime, context } = line;
  const message = typeof line[messageKey] === 'string' ? line[messageKey] : '';
  if (typeof method === 'string' && typeof url === 'string' && typeof statusCode === 'number') {
    const took = typeof responseTime === 'number' ? ` ${responseTime.toFixed(1)} ms` : '';
    return `${method} ${url} ${statusCode}${took}`;
  }
  return typeof context === 'string' ? `[${context}] ${message}` : message;
}

/** `auto` means readable lines for a person at a terminal, JSON lines for everything else. */
export function prettyLogs(format: LogFormat, stdoutIsTerminal: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTerminal);
}

/**
 * Where a process's log lines go: stdout, as JSON lines or as one readable line each. Lines
 * reach it already redacted (pino's streamWrite hook runs before any destination).
 */
export function logDestination(format: LogFormat, stdoutIsTerminal = process.stdout.isTTY === true): DestinationStream {
  if (prettyLogs(format, stdoutIsTerminal)) {
    return PinoPretty({
      colorize: stdoutIsTerminal,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: `pid,hostname,context,${REQUEST_FIELDS.join(',')}`,
      messageFormat: readableMessage,
      sync: true,
    });
  }
  // Written asynchronously: under load the lines of concurrent requests go out in one write.
  return destination({ dest: 1, sync: false });
}
