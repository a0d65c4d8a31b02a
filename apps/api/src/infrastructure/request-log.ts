import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { loggedUrl } from './logged-url';

/**
 * Fastify's request logging: one flat line per answered request (correlationId, method, URL,
 * status, milliseconds), flat because nested objects cost pino twice as much to write.
 * Headers are never logged; a URL is cut at 2 KiB; health probes are not logged at all.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'correlationId' });
  }

  override isLogDisabled(request: FastifyRequest): boolean {
    return request.url.startsWith('/health/');
  }

  override incomingRequest(): void {
    // The completed line says everything; one line per request halves the logging cost.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      correlationId: request.id,
      method: request.method,
      url: loggedUrl(request.url),
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}
