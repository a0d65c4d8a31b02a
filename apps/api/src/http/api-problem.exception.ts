import { PROBLEM_STATUS, type ProblemCode } from './problem-catalog';

/** The refusal throttle's code, whatever the status it is answered with. */
export const THROTTLED_CODE = 'too_many_requests';
/** A token over its own `maxRequestsPerSecond`. */
export const TOKEN_RATE_LIMITED = 'token_rate_limited';

export interface FieldError {
  field: string;
  message: string;
}

/** An answer of the API that is not a success: rendered as RFC 9457 problem+json. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly retryAfterSeconds?: number,
    readonly status: number = PROBLEM_STATUS[code],
    /** Headers the answer carries besides content-type and Retry-After (WWW-Authenticate). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  static validation(errors: FieldError[]): ApiProblem {
    const detail = errors.map((error) => error.message).join('; ');
    return new ApiProblem('validation_failed', detail, errors);
  }

  /** The refusal throttle's answer: 429, or 401 where a gateway accepts nothing else (see THROTTLED_STATUS). */
  static throttled(status: 401 | 429, detail: string, retryAfterSeconds: number): ApiProblem {
    return new ApiProblem(THROTTLED_CODE, detail, undefined, retryAfterSeconds, status);
  }
}
