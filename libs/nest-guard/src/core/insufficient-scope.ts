import { isScopeName, missingScopes } from '../../../domain/src/token/token-scopes';

export interface InsufficientScope {
  detail: string;
  /** The RFC 6750 challenge, naming the scopes required (those that are scope names). */
  wwwAuthenticate: string;
}

/** Why a token's scopes fall short of those required, or null when they do not. */
export function insufficientScope(granted: readonly string[], required: readonly string[]): InsufficientScope | null {
  const missing = missingScopes(granted, required);
  if (missing.length === 0) return null;
  const named = missing.every(isScopeName);
  return {
    detail: named
      ? `The token lacks the scope${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`
      : 'The token lacks a required scope',
    wwwAuthenticate: `Bearer error="insufficient_scope", scope="${required.filter(isScopeName).join(' ')}"`,
  };
}
