import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from './api-problem.exception';
import { nestsDeeperThan } from './json-depth';

/** No request of this API comes near it. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** The API's bodies nest two levels at most; deep nesting only serves to exhaust a recursive reader. */
export const MAX_JSON_DEPTH = 32;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const invalidJson = (message: string): ApiProblem =>
  new ApiProblem('invalid_json', message, [{ field: 'body', message }]);

/** An empty body, or the body of a method that takes none (DELETE), counts as no body at all. */
const carriesBody = (request: FastifyRequest, body: Buffer): boolean =>
  body.length > 0 && BODY_METHODS.has(request.method);

function decodeUtf8(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/**
 * Request bodies are JSON or nothing. A JSON body goes through Fastify's own parser (with its
 * prototype-poisoning protection) once it is known to be UTF-8 and not nested too deep; one
 * that fails any of these is answered 400 `invalid_json` on the field `body`. A body of any
 * other media type is answered 415.
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!carriesBody(request, body)) {
      done(null, undefined);
      return;
    }
    const text = decodeUtf8(body);
    if (text === null) {
      done(invalidJson('the body is not valid UTF-8'), undefined);
    } else if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(invalidJson(`the body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    } else {
      void parse(request, text, (error, value) => {
        if (error) done(invalidJson('the body is not valid JSON'), undefined);
        else done(null, value);
      });
    }
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (carriesBody(request, body)) done(new ApiProblem('unsupported_media_type', 'Send the body as application/json'));
    else done(null, undefined);
  });
}
