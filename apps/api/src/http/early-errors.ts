import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import { REQUEST_ID_HEADER } from '../infrastructure/request-id';
import { ApiProblem } from './api-problem.exception';
import type { ProblemCode } from './problem-catalog';
import type { HeaderSet } from './security-headers';
import { problemOnSocket, sendProblem } from './send-problem';

/** What Node's HTTP parser refused, by the code of its error. */
function parserProblem(error: Error & { code?: string; reason?: string }): ApiProblem {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiProblem('request_timeout', 'The request did not arrive in time');
    case 'HPE_HEADER_OVERFLOW':
      return new ApiProblem('headers_too_large', `The request line and headers are over ${maxHeaderSize} bytes`);
    default:
      return new ApiProblem('malformed_request', `The request is not valid HTTP/1.1: ${error.reason ?? 'parse error'}`);
  }
}

const ROUTING_PROBLEMS: Readonly<Record<string, [ProblemCode, string]>> = {
  FST_ERR_BAD_URL: ['invalid_url', 'The URL has a broken percent-encoding'],
  FST_ERR_MAX_PARAM_LENGTH: ['uri_too_long', 'A segment of the URL is too long'],
};

/**
 * Answers to requests that never reach a route, as problem+json like every other answer, with
 * the security headers: what Node's HTTP parser refuses (Fastify's `clientErrorHandler`, which
 * writes on the socket itself: no hook runs), and what Fastify's router refuses before routing
 * (`frameworkErrors`: a broken percent-encoding), and an HTTP/1.1 request without `Host`, which
 * Node leaves to the app when its server is made with `answersMissingHost`.
 */
export class EarlyErrors {
  constructor(private readonly headers: HeaderSet) {}

  readonly onClientError = (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) socket.write(problemOnSocket(parserProblem(error), this.headers));
    socket.destroy(error);
  };

  readonly onFrameworkError = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const [code, detail] = ROUTING_PROBLEMS[error.code] ?? ['internal_error', 'Something went wrong on our side'];
    if (code === 'internal_error') request.log.error({ err: error }, 'Fastify failed to route a request');
    void reply.headers(this.headers).header(REQUEST_ID_HEADER, request.id);
    sendProblem(reply, new ApiProblem(code, detail));
  };

  /** Must run before any other hook that could answer: HTTP/1.1 requires Host (RFC 9112, section 3.2). */
  refuseRequestsWithoutHost(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.headers.host !== undefined || request.raw.httpVersion === '1.0') {
        done();
        return;
      }
      sendProblem(reply, new ApiProblem('malformed_request', 'An HTTP/1.1 request must carry a Host header'));
    });
  }
}
