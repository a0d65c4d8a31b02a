import { ApiError } from './api-error';
import { request } from './client';
import type { Session, SessionOptions } from './types';

export function fetchSessionOptions(): Promise<SessionOptions> {
  return request<SessionOptions>('GET', '/api/v1/session/options');
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await request<Session>('GET', '/api/v1/session', { expectUnauthorized: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export interface LocalSignIn {
  userId: string;
  email?: string;
  admin: boolean;
}

export function signInLocally(body: LocalSignIn): Promise<Session> {
  return request<Session>('POST', '/api/v1/session/local', { body, expectUnauthorized: true });
}

export function signOut(csrfToken: string): Promise<void> {
  return request<void>('DELETE', '/api/v1/session', { csrfToken, expectUnauthorized: true });
}

export const OIDC_START_PATH = '/api/v1/session/oidc/start';
