import { ApiError } from './api-error';
import type { ProblemDetails } from './types';

type Method = 'GET' | 'POST' | 'DELETE' | 'PATCH';

export interface RequestOptions {
  body?: unknown;
  /** Sent as X-CSRF-Token; required by the server on every POST, PATCH and DELETE. */
  csrfToken?: string;
  /** A 401 here is an answer (e.g. "not signed in"), not a reason to leave the page. */
  expectUnauthorized?: boolean;
}

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener = () => undefined;

/** Called after any 401 the caller did not expect: the session is gone. */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorizedListener = listener;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && options.csrfToken) headers['X-CSRF-Token'] = options.csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw ApiError.unreachable();
  }

  if (!response.ok) {
    if (response.status === 401 && !options.expectUnauthorized) unauthorizedListener();
    throw ApiError.fromProblem(response.status, await readProblem(response));
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function readProblem(response: Response): Promise<Partial<ProblemDetails> | null> {
  try {
    return (await response.json()) as Partial<ProblemDetails>;
  } catch {
    return null;
  }
}

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
