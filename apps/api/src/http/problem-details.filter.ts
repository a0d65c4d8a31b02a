import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './send-problem';
import { toProblem } from './to-problem';

/** Every error leaves the API as problem+json; only unexpected ones are logged as errors. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      const correlationId = http.getRequest<FastifyRequest>().id;
      this.logger.error({ correlationId, err: error }, `Request ${correlationId} failed`);
    }
    sendProblem(http.getResponse<FastifyReply>(), problem);
  }
}
