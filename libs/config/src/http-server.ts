import { createServer, type RequestListener, type Server } from 'node:http';
import type { AppConfig } from './app-config';

export type HttpServerLimits = Pick<
  AppConfig,
  'httpHeadersTimeoutMs' | 'httpRequestTimeoutMs' | 'httpKeepAliveTimeoutMs' | 'httpMaxConnections'
>;

/** Node looks for requests past their timeouts this often at most, so each is enforced within a second. */
const LONGEST_CHECK_INTERVAL_MS = 1000;

/**
 * The HTTP server both apps listen with (Fastify's `serverFactory`), holding every client to the
 * configured limits. Node's `requestTimeout` and `headersTimeout` count while a request is being
 * received (a connection that has sent nothing yet included); once it is complete, the response
 * may last (an audit stream does). At `maxConnections` Node closes a new connection as soon as it
 * is accepted; the idle keep-alive connections are then closed too, so the next clients get in
 * while nobody in the middle of a request or a stream is cut.
 */
export function limitedHttpServer(
  limits: HttpServerLimits,
  { answersMissingHost = false }: { answersMissingHost?: boolean } = {},
): (handler: RequestListener) => Server {
  return (handler) => {
    const server = createServer(
      {
        // Node answers an HTTP/1.1 request without Host with a bare 400, before any handler.
        requireHostHeader: !answersMissingHost,
        headersTimeout: limits.httpHeadersTimeoutMs,
        requestTimeout: limits.httpRequestTimeoutMs,
        keepAliveTimeout: limits.httpKeepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(LONGEST_CHECK_INTERVAL_MS, limits.httpHeadersTimeoutMs),
      },
      handler,
    );
    server.maxConnections = limits.httpMaxConnections;
    server.on('drop', () => server.closeIdleConnections());
    return server;
  };
}
