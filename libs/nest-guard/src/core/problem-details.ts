import { STATUS_CODES } from 'node:http';

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem, as the PAT service and the guard package answer one. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemFieldError[];
  instance?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://pat-service.dev/problems/';

export function problemDetails(
  status: number,
  code: string,
  detail: string,
  errors?: ProblemFieldError[],
): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${code.replace(/_/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}
