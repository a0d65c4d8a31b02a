import type { FastifyInstance } from 'fastify';
import { ApiProblem } from './api-problem.exception';

/**
 * Fastify's own JSON parser (with its prototype-poisoning protection), answering a broken or
 * empty body as a validation problem on the field `body` instead of a bare 400.
 */
export function useProblemJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    void parse(request, text, (error, value) => {
      if (error) {
        const message = text === '' ? 'the body is empty' : 'the body is not valid JSON';
        done(new ApiProblem(400, 'invalid_json', message, [{ field: 'body', message }]), undefined);
      } else {
        done(null, value);
      }
    });
  });
}
