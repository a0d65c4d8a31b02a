import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import { embeddedSecret } from './embedded-secret';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pat-secret-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const secretsDir = () => join(dataDir, 'secrets');

describe('embeddedSecret', () => {
  it('creates a 256-bit base64url secret in DATA_DIR/secrets/<name>, mode 0600', () => {
    const secret = embeddedSecret(dataDir, 'token-pepper');
    const file = join(secretsDir(), 'token-pepper');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(readFileSync(file, 'utf8')).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(secretsDir()).mode & 0o077).toBe(0);
  });

  it('returns the same value on every later call and leaves no draft files behind', () => {
    const first = embeddedSecret(dataDir, 'token-pepper');
    for (let n = 0; n < 50; n++) expect(embeddedSecret(dataDir, 'token-pepper')).toBe(first);
    expect(readdirSync(secretsDir())).toEqual(['token-pepper']);
  });

  it('keeps one secret per name', () => {
    const pepper = embeddedSecret(dataDir, 'token-pepper');
    const jwt = embeddedSecret(dataDir, 'auth-jwt-secret');
    expect(jwt).not.toBe(pepper);
    expect(readdirSync(secretsDir()).sort()).toEqual(['auth-jwt-secret', 'token-pepper']);
  });

  it('reads the file another process already wrote, trimmed, and leaves it as it is', () => {
    mkdirSync(secretsDir(), { recursive: true });
    const file = join(secretsDir(), 'token-pepper');
    writeFileSync(file, 'written-by-the-winner-0123456789\n', { mode: 0o600 });
    expect(embeddedSecret(dataDir, 'token-pepper')).toBe('written-by-the-winner-0123456789');
    expect(readFileSync(file, 'utf8')).toBe('written-by-the-winner-0123456789\n');
    expect(readdirSync(secretsDir())).toEqual(['token-pepper']);
  });

  it('creates DATA_DIR itself when it does not exist yet', () => {
    const nested = join(dataDir, 'does', 'not', 'exist');
    const secret = embeddedSecret(nested, 'token-pepper');
    expect(readFileSync(join(nested, 'secrets', 'token-pepper'), 'utf8')).toBe(secret);
  });

  it('gives every one of several processes starting at once the same secrets', async () => {
    const modulePath = join(dataDir, 'embedded-secret.js');
    const source = readFileSync(join(__dirname, 'embedded-secret.ts'), 'utf8');
    const { outputText } = transpileModule(source, {
      compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 },
    });
    writeFileSync(modulePath, outputText);
    const raceDir = join(dataDir, 'race');
    const names = Array.from({ length: 30 }, (_, i) => `secret-${String(i).padStart(2, '0')}`);
    const startAt = Date.now() + 1500;
    // Each child waits for the same instant, then races the others through the same names.
    const child = [
      'const [modulePath, dir, startAt, names] = process.argv.slice(1);',
      'const { embeddedSecret } = require(modulePath);',
      'while (Date.now() < Number(startAt)) {}',
      "process.stdout.write(JSON.stringify(names.split(',').map((name) => embeddedSecret(dir, name))));",
    ].join('\n');

    const run = () =>
      new Promise<string[]>((resolve, reject) => {
        const args = ['-e', child, modulePath, raceDir, String(startAt), names.join(',')];
        const proc = spawn(process.execPath, args);
        let out = '';
        let err = '';
        proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        proc.on('error', reject);
        proc.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`child exited ${code}: ${err}`)),
        );
      });
    const results = await Promise.all(Array.from({ length: 8 }, run));

    const stored = names.map((name) => readFileSync(join(raceDir, 'secrets', name), 'utf8'));
    for (const secret of stored) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(stored).size).toBe(names.length);
    for (const secrets of results) expect(secrets).toEqual(stored);
    expect(readdirSync(join(raceDir, 'secrets')).sort()).toEqual(names);
    for (const name of names) expect(statSync(join(raceDir, 'secrets', name)).mode & 0o777).toBe(0o600);
  }, 30_000);
});
