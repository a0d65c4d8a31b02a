import { DomainValidationError } from '../shared/domain-error';

export const SCOPE_NAME_PATTERN = /^[a-z][a-z0-9_:.-]*$/;
export const SCOPE_NAME_MAX_LENGTH = 64;
export const MAX_DECLARED_SCOPES = 100;
/** Carried by tokens generated before scopes existed: every scope, including ones declared later. */
export const UNRESTRICTED_SCOPE = '*';

/** A scope the operator declares; a token granted it is also granted everything it `includes`. */
export interface ScopeDefinition {
  name: string;
  description: string;
  includes: readonly string[];
}

export const DEFAULT_SCOPES: readonly ScopeDefinition[] = [
  { name: 'api', description: 'Full access: read and write', includes: ['read_api'] },
  { name: 'read_api', description: 'Read-only access', includes: [] },
];

export const isScopeName = (value: string): boolean =>
  value.length <= SCOPE_NAME_MAX_LENGTH && SCOPE_NAME_PATTERN.test(value);

/**
 * The scopes a new token carries: those requested (every declared one when none are
 * requested) with what each includes, in the order they are declared.
 */
export function resolveScopes(requested: unknown, declared: readonly ScopeDefinition[]): string[] {
  if (requested === undefined) return declared.map((scope) => scope.name);
  if (!Array.isArray(requested)) throw new DomainValidationError('scopes', 'scopes must be an array of scope names');
  if (requested.length === 0) throw new DomainValidationError('scopes', 'scopes must name at least one scope');
  if (requested.length > MAX_DECLARED_SCOPES) {
    throw new DomainValidationError('scopes', `scopes must name at most ${MAX_DECLARED_SCOPES} scopes`);
  }
  const byName = new Map(declared.map((scope) => [scope.name, scope]));
  const granted = new Set<string>();
  const pending: string[] = [];
  for (const name of requested as unknown[]) {
    if (typeof name !== 'string') throw new DomainValidationError('scopes', 'scopes must be an array of scope names');
    if (!byName.has(name))
      throw new DomainValidationError('scopes', `scopes: unknown scope ${quoted(name)}; ${known(declared)}`);
    if (pending.includes(name)) throw new DomainValidationError('scopes', `scopes lists ${quoted(name)} twice`);
    pending.push(name);
  }
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (granted.has(name)) continue;
    granted.add(name);
    pending.push(...(byName.get(name)?.includes ?? []));
  }
  return declared.map((scope) => scope.name).filter((name) => granted.has(name));
}

/** The required scopes a token's granted scopes do not cover, in the order required. */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  if (granted.includes(UNRESTRICTED_SCOPE)) return [];
  return required.filter((scope) => !granted.includes(scope));
}

function quoted(name: string): string {
  const shown = name.length > SCOPE_NAME_MAX_LENGTH ? `${name.slice(0, SCOPE_NAME_MAX_LENGTH)}…` : name;
  return JSON.stringify(shown);
}

function known(declared: readonly ScopeDefinition[]): string {
  return `the scopes are ${declared.map((scope) => scope.name).join(', ')}`;
}
