import { PROBLEM_STATUS, type ProblemCode } from './problem-catalog';

export interface FieldError {
  field: string;
  message: string;
}

/** An answer of the API that is not a success: rendered as RFC 9457 problem+json. */
export class ApiProblem extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = PROBLEM_STATUS[code];
  }

  static validation(errors: FieldError[]): ApiProblem {
    const detail = errors.map((error) => error.message).join('; ');
    return new ApiProblem('validation_failed', detail, errors);
  }

  static tooManyRequests(detail: string, retryAfterSeconds: number): ApiProblem {
    return new ApiProblem('too_many_requests', detail, undefined, retryAfterSeconds);
  }
}
