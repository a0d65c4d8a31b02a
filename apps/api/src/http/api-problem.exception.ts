/** The refusal throttle's code, whatever the status it is answered with. */
export const THROTTLED_CODE = 'too_many_requests';

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

  static throttled(status: number, detail: string, retryAfterSeconds: number): ApiProblem {
    return new ApiProblem(status, THROTTLED_CODE, detail, undefined, retryAfterSeconds);
  }
}
