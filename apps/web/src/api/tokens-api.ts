import { request, withQuery } from './client';
import type { AdminTokenItem, CreatedToken, Page, RotatedToken, TokenItem, TokenStatus } from './types';

export interface TokenQuery {
  status?: TokenStatus;
  cursor?: string;
  limit?: number;
}

export interface GenerateTokenRequest {
  name: string;
  expiresInDays?: number;
  expiresAt?: string | null;
  scopes: string[];
  /** Absent: no limit; a string the user typed that is not a number goes as typed, for the API to explain. */
  maxRequestsPerSecond?: number | string;
}

export function listTokens(query: TokenQuery): Promise<Page<TokenItem>> {
  return request<Page<TokenItem>>('GET', withQuery('/api/v1/tokens', { ...query }));
}

export function generateToken(body: GenerateTokenRequest, csrfToken: string): Promise<CreatedToken> {
  return request<CreatedToken>('POST', '/api/v1/tokens', { body, csrfToken });
}

export function renameToken(id: string, name: string, csrfToken: string): Promise<TokenItem> {
  return request<TokenItem>('PATCH', `/api/v1/tokens/${encodeURIComponent(id)}`, { body: { name }, csrfToken });
}

/** A successor with a new secret; the old token is accepted for `overlapSeconds` more. */
export function rotateToken(id: string, overlapSeconds: number, csrfToken: string): Promise<RotatedToken> {
  return request<RotatedToken>('POST', `/api/v1/tokens/${encodeURIComponent(id)}/rotate`, {
    body: { overlapSeconds },
    csrfToken,
  });
}

export type SuspensionChange = 'suspend' | 'reactivate';

/** Suspends or reactivates a token: one of the user's own, or with `anyOwner` (admins) anyone's. */
export function changeSuspension(
  id: string,
  change: SuspensionChange,
  reason: string | null,
  csrfToken: string,
  anyOwner = false,
): Promise<TokenItem> {
  const tokens = anyOwner ? '/api/v1/admin/tokens' : '/api/v1/tokens';
  return request<TokenItem>('POST', `${tokens}/${encodeURIComponent(id)}/${change}`, { body: { reason }, csrfToken });
}

export function revokeToken(id: string, csrfToken: string): Promise<void> {
  return request<void>('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`, { csrfToken });
}

export function listAllTokens(query: TokenQuery & { userId?: string }): Promise<Page<AdminTokenItem>> {
  return request<Page<AdminTokenItem>>('GET', withQuery('/api/v1/admin/tokens', { ...query }));
}

export function revokeAnyToken(id: string, csrfToken: string): Promise<void> {
  return request<void>('DELETE', `/api/v1/admin/tokens/${encodeURIComponent(id)}`, { csrfToken });
}
