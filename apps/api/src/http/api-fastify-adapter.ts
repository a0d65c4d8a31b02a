import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { UnmatchedRequests } from './unmatched-requests';

type AdapterOptions = FastifyServerOptions & { skipMiddie?: boolean };

/**
 * Nest's Fastify adapter with the API's answer to requests no route takes: Nest's own is a 404
 * that echoes the method and URL, whatever the method.
 */
export class ApiFastifyAdapter extends FastifyAdapter {
  constructor(
    options: AdapterOptions,
    private readonly unmatched: UnmatchedRequests,
  ) {
    super(options);
  }

  /**
   * Answered in the not-found route's onRequest hook, before Fastify reads a body: a method
   * Fastify takes to carry one (QUERY, say) would otherwise be refused for its missing
   * Content-Type before the 405 could be told.
   */
  override setNotFoundHandler(): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    const answerEarly = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      this.unmatched.answer(request, reply);
      return reply;
    };
    // Fastify applies every lifecycle hook given here (four-oh-four.js); its types name only two.
    return this.getInstance().setNotFoundHandler({ onRequest: answerEarly } as object, this.unmatched.answer);
  }
}
