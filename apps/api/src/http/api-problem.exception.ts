export interface FieldError {
  field: string;
  message: string;
}

/** An answer of the API that is not a success: rendered as RFC 9457 problem+json. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  static validation(errors: FieldError[]): ApiProblem {
    const detail = errors.map((error) => error.message).join('; ');
    return new ApiProblem(400, 'validation_failed', detail, errors);
  }

  static tooManyRequests(detail: string, retryAfterSeconds: number): ApiProblem {
    return new ApiProblem(429, 'too_many_requests', detail, undefined, retryAfterSeconds);
  }
}
