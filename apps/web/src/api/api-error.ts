import type { FieldError, ProblemDetails } from './types';

const UNAVAILABLE = 'The service is unavailable, try again shortly';

/** A refused or failed API call, carrying what the page shows for it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromProblem(status: number, problem: Partial<ProblemDetails> | null): ApiError {
    if (status === 503) return new ApiError(status, UNAVAILABLE, problem?.code ?? null);
    const message = problem?.detail || problem?.title || `The request failed (HTTP ${status})`;
    return new ApiError(status, message, problem?.code ?? null, problem?.errors ?? []);
  }

  static unreachable(): ApiError {
    return new ApiError(0, 'Could not reach the service. Check your connection and try again.');
  }

  messageFor(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}

/** The text to show for any error caught around an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return UNAVAILABLE;
}
