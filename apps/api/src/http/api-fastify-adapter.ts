import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
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

  override setNotFoundHandler(): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    return this.getInstance().setNotFoundHandler(this.unmatched.answer);
  }
}
