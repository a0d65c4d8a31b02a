import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_SCOPES, isScopeName, MAX_DECLARED_SCOPES, type ScopeDefinition } from '@pat/domain';
import { ConfigError } from './config-error';

const FILE_VARIABLE = 'TOKEN_SCOPES_FILE';
const MAX_FILE_BYTES = 64 * 1024;
const MAX_DESCRIPTION_LENGTH = 200;

interface ScopeDescription {
  description: string;
  includes: string[];
}

/**
 * The scopes a token may carry: the names TOKEN_SCOPES lists (else those the file describes,
 * else `api` and `read_api`), each with the file's description or, for `api` and `read_api`,
 * the built-in one. The file may not describe a scope the list leaves out.
 */
export function declaredScopes(names: string[] | null, file: string | null): ScopeDefinition[] {
  const described = file === null ? new Map<string, ScopeDescription>() : readScopesFile(file);
  if (names === null && file === null)
    return DEFAULT_SCOPES.map((scope) => ({ ...scope, includes: [...scope.includes] }));
  const declared = names ?? [...described.keys()];
  if (declared.length === 0)
    throw new ConfigError(FILE_VARIABLE, 'describes no scope: a token needs at least one to carry');
  for (const name of described.keys()) {
    if (!declared.includes(name)) {
      throw new ConfigError(
        FILE_VARIABLE,
        `describes "${name}", which TOKEN_SCOPES does not list: add it there, or remove it`,
      );
    }
  }
  return declared.map((name) => {
    const builtIn = DEFAULT_SCOPES.find((scope) => scope.name === name);
    const description = described.get(name) ?? {
      description: builtIn?.description ?? '',
      includes: (builtIn?.includes ?? []).filter((included) => declared.includes(included)),
    };
    for (const included of description.includes) {
      if (!declared.includes(included)) {
        throw new ConfigError(FILE_VARIABLE, `"${name}" includes "${included}", which is not a declared scope`);
      }
    }
    return { name, ...description };
  });
}

function readScopesFile(file: string): Map<string, ScopeDescription> {
  let parsed: unknown;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw new ConfigError(FILE_VARIABLE, `"${file}" is larger than 64 KiB`);
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason =
      error instanceof SyntaxError
        ? 'is not JSON'
        : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new ConfigError(FILE_VARIABLE, `"${file}" ${reason}`);
  }
  if (!isPlainObject(parsed)) {
    throw new ConfigError(FILE_VARIABLE, 'must hold a JSON object: {"scope": "description", …}');
  }
  const entries = Object.entries(parsed);
  if (entries.length > MAX_DECLARED_SCOPES) {
    throw new ConfigError(
      FILE_VARIABLE,
      `describes ${entries.length} scopes; at most ${MAX_DECLARED_SCOPES} are allowed`,
    );
  }
  return new Map(entries.map(([name, value]) => [name, scopeDescription(name, value)]));
}

function scopeDescription(name: string, value: unknown): ScopeDescription {
  if (!isScopeName(name)) {
    throw new ConfigError(
      FILE_VARIABLE,
      `"${name.slice(0, 80)}" is not a scope name ([a-z][a-z0-9_:.-]*, at most 64 characters)`,
    );
  }
  const entry = typeof value === 'string' ? { description: value } : value;
  if (!isPlainObject(entry) || typeof entry['description'] !== 'string') {
    throw new ConfigError(FILE_VARIABLE, `"${name}" must be a description, or {"description": "…", "includes": […]}`);
  }
  const description = entry['description'].trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new ConfigError(
      FILE_VARIABLE,
      `the description of "${name}" is longer than ${MAX_DESCRIPTION_LENGTH} characters`,
    );
  }
  const includes = entry['includes'] ?? [];
  if (!Array.isArray(includes) || !includes.every((included): included is string => typeof included === 'string')) {
    throw new ConfigError(FILE_VARIABLE, `"${name}".includes must be a list of scope names`);
  }
  return { description, includes: includes.filter((included) => included !== name) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
