import { DomainValidationError } from '../shared/domain-error';
import { DEFAULT_SCOPES, isScopeName, missingScopes, resolveScopes, type ScopeDefinition } from './token-scopes';

const declared: ScopeDefinition[] = [
  { name: 'admin', description: 'Everything', includes: ['deploy'] },
  { name: 'deploy', description: 'Deploy releases', includes: ['read'] },
  { name: 'read', description: 'Read', includes: [] },
  { name: 'billing', description: 'Billing', includes: [] },
];

function refusal(requested: unknown): DomainValidationError {
  try {
    resolveScopes(requested, declared);
  } catch (error) {
    if (error instanceof DomainValidationError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(requested)} was accepted`);
}

describe('resolveScopes', () => {
  it('grants every declared scope when none is asked for', () => {
    expect(resolveScopes(undefined, declared)).toEqual(['admin', 'deploy', 'read', 'billing']);
    expect(resolveScopes(undefined, DEFAULT_SCOPES)).toEqual(['api', 'read_api']);
  });

  it('adds what a scope includes, through every level, in the order declared', () => {
    expect(resolveScopes(['billing', 'admin'], declared)).toEqual(['admin', 'deploy', 'read', 'billing']);
    expect(resolveScopes(['deploy'], declared)).toEqual(['deploy', 'read']);
    expect(resolveScopes(['read'], declared)).toEqual(['read']);
    expect(resolveScopes(['api'], DEFAULT_SCOPES)).toEqual(['api', 'read_api']);
  });

  it('ends on scopes that include each other', () => {
    const cyclic = [
      { name: 'a', description: '', includes: ['b'] },
      { name: 'b', description: '', includes: ['a'] },
    ];
    expect(resolveScopes(['b'], cyclic)).toEqual(['a', 'b']);
  });

  it('names an unknown scope and the declared ones', () => {
    const error = refusal(['read', 'write_repository']);
    expect(error.field).toBe('scopes');
    expect(error.message).toBe('scopes: unknown scope "write_repository"; the scopes are admin, deploy, read, billing');
  });

  it('cuts a long unknown name in the message', () => {
    expect(refusal(['x'.repeat(10_000)]).message.length).toBeLessThan(200);
  });

  it.each<[string, unknown]>([
    ['an empty list', []],
    ['a string', 'read'],
    ['null', null],
    ['an object', { read: true }],
    ['a number in the list', ['read', 7]],
    ['a scope twice', ['read', 'read']],
    ['the unrestricted scope, which only old tokens carry', ['*']],
    ['more than 100 names', Array.from({ length: 101 }, () => 'read')],
  ])('refuses %s on field scopes', (_case, requested) => {
    expect(refusal(requested).field).toBe('scopes');
  });
});

describe('missingScopes', () => {
  it('lists the required scopes not granted, in the order required', () => {
    expect(missingScopes(['read'], ['deploy', 'read', 'admin'])).toEqual(['deploy', 'admin']);
    expect(missingScopes(['read', 'deploy'], ['read'])).toEqual([]);
    expect(missingScopes(['read'], [])).toEqual([]);
  });

  it('lets the unrestricted scope cover anything', () => {
    expect(missingScopes(['*'], ['deploy', 'anything-at-all'])).toEqual([]);
  });
});

describe('isScopeName', () => {
  it.each(['api', 'read_api', 'repo:status', 'write.packages', 'a-b', 'a'.repeat(64)])('accepts %s', (name) => {
    expect(isScopeName(name)).toBe(true);
  });

  it.each(['', 'API', '1api', '_api', 'read api', 'read"api', '*', 'a'.repeat(65), 'é'])('refuses %j', (name) => {
    expect(isScopeName(name)).toBe(false);
  });
});
