import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pat-scopes-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const scopesOf = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, ...env }).tokenScopes;

function scopesFile(content: unknown): string {
  const file = join(dir, 'scopes.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function refusal(env: Record<string, string>): ConfigError {
  try {
    scopesOf(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(env)} was accepted`);
}

describe('the declared scopes', () => {
  it('are api (including read_api) and read_api by default', () => {
    expect(scopesOf({})).toEqual([
      { name: 'api', description: 'Full access: read and write', includes: ['read_api'] },
      { name: 'read_api', description: 'Read-only access', includes: [] },
    ]);
  });

  it('are the names TOKEN_SCOPES lists, in its order, the built-in ones described', () => {
    expect(scopesOf({ TOKEN_SCOPES: ' deploy , read_api,api' })).toEqual([
      { name: 'deploy', description: '', includes: [] },
      { name: 'read_api', description: 'Read-only access', includes: [] },
      { name: 'api', description: 'Full access: read and write', includes: ['read_api'] },
    ]);
  });

  it('keep api from including a read_api that is not declared', () => {
    expect(scopesOf({ TOKEN_SCOPES: 'api' })).toEqual([
      { name: 'api', description: 'Full access: read and write', includes: [] },
    ]);
  });

  it('take descriptions and includes from TOKEN_SCOPES_FILE', () => {
    const file = scopesFile({
      deploy: 'Deploy releases',
      admin: { description: 'Everything', includes: ['deploy'] },
    });
    expect(scopesOf({ TOKEN_SCOPES: 'admin,deploy,read_api', TOKEN_SCOPES_FILE: file })).toEqual([
      { name: 'admin', description: 'Everything', includes: ['deploy'] },
      { name: 'deploy', description: 'Deploy releases', includes: [] },
      { name: 'read_api', description: 'Read-only access', includes: [] },
    ]);
  });

  it('are the names the file describes when TOKEN_SCOPES is unset', () => {
    const file = scopesFile({ deploy: 'Deploy releases', read: 'Read' });
    expect(scopesOf({ TOKEN_SCOPES_FILE: file }).map((scope) => scope.name)).toEqual(['deploy', 'read']);
  });

  it.each([
    ['API', 'each name must be'],
    ['api,,read_api', 'each name must be'],
    ['api,*', 'each name must be'],
    ['api,api', 'lists "api" twice'],
    [Array.from({ length: 101 }, (_, i) => `s${i}`).join(','), 'at most 100'],
  ])('refuse TOKEN_SCOPES=%s', (value, problem) => {
    const error = refusal({ TOKEN_SCOPES: value });
    expect(error.variable).toBe('TOKEN_SCOPES');
    expect(error.problem).toContain(problem);
  });

  it.each<[string, unknown, string]>([
    [
      'a scope the list leaves out',
      { deploy: 'x', billing: 'y' },
      'describes "billing", which TOKEN_SCOPES does not list',
    ],
    ['an include that is not declared', { deploy: { description: 'x', includes: ['billing'] } }, 'includes "billing"'],
    ['a bad name', { 'Deploy!': 'x' }, 'is not a scope name'],
    ['a description that is not text', { deploy: 7 }, 'must be a description'],
    ['includes that are not a list', { deploy: { description: 'x', includes: 'read_api' } }, 'must be a list'],
    ['a description over 200 characters', { deploy: 'x'.repeat(201) }, 'longer than 200'],
    ['a list instead of an object', ['deploy'], 'must hold a JSON object'],
    ['text that is not JSON', '{deploy: x}', 'is not JSON'],
  ])('refuse a file with %s', (_case, content, problem) => {
    const error = refusal({ TOKEN_SCOPES: 'deploy,read_api', TOKEN_SCOPES_FILE: scopesFile(content) });
    expect(error.variable).toBe('TOKEN_SCOPES_FILE');
    expect(error.problem).toContain(problem);
  });

  it('refuse a file that cannot be read, and one that describes nothing', () => {
    expect(refusal({ TOKEN_SCOPES_FILE: join(dir, 'missing.json') }).problem).toContain('cannot be read (ENOENT)');
    expect(refusal({ TOKEN_SCOPES_FILE: scopesFile({}) }).problem).toContain('describes no scope');
  });
});
