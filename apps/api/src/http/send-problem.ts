import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { ApiProblem } from './api-problem.exception';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '@pat/nest-guard/core';

const STORE_RETRY_AFTER_SECONDS = 5;

/** Answers with the problem as RFC 9457 problem+json, with Retry-After where a retry makes sense. */
export function sendProblem(reply: FastifyReply, problem: ApiProblem): void {
  const retryAfter = problem.retryAfterSeconds ?? (problem.status === 503 ? STORE_RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  if (problem.headers !== undefined) void reply.headers(problem.headers);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problemBody(problem));
}

/** The whole HTTP/1.1 answer, for a request that has no reply object: the connection closes after it. */
export function problemOnSocket(problem: ApiProblem, headers: Readonly<Record<string, string>>): string {
  const body = problemBody(problem);
  const lines = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    `content-type: ${PROBLEM_CONTENT_TYPE}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function problemBody(problem: ApiProblem): string {
  return JSON.stringify(problemDetails(problem.status, problem.code, problem.detail, problem.errors));
}
