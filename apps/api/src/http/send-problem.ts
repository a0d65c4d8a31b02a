import type { FastifyReply } from 'fastify';
import type { ApiProblem } from './api-problem.exception';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem-details';

const STORE_RETRY_AFTER_SECONDS = 5;

/** Answers with the problem as RFC 9457 problem+json, with Retry-After where a retry makes sense. */
export function sendProblem(reply: FastifyReply, problem: ApiProblem): void {
  const retryAfter = problem.retryAfterSeconds ?? (problem.status === 503 ? STORE_RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemDetails(problem.status, problem.code, problem.detail, problem.errors)));
}
