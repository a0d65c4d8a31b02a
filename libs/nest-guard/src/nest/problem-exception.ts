import { HttpException, type ExecutionContext } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '../core/problem-details';

interface HeaderSetter {
  header(name: string, value: string): unknown;
}

/**
 * A problem+json answer thrown from a guard: the headers go on the response first (Express's
 * `res` and Fastify's `reply` both have `header`), so Nest's own exception filter keeps them.
 */
export function problemException(
  context: ExecutionContext,
  status: number,
  code: string,
  detail: string,
  headers: Readonly<Record<string, string>> = {},
): HttpException {
  const response = context.switchToHttp().getResponse<HeaderSetter>();
  response.header('content-type', PROBLEM_CONTENT_TYPE);
  for (const [name, value] of Object.entries(headers)) response.header(name, value);
  return new HttpException(problemDetails(status, code, detail), status);
}
