import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`;
const MIN_GO = [1, 24] as const;
export const FERRETDB_CACHE_BIN = join(resolve(__dirname, '../..'), '.cache', 'bin');
const GO_TIMEOUT_MS = 20 * 60_000;

const run = promisify(execFile);

/**
 * The path of a FerretDB v1.24.2 binary: `ferretdb` from PATH or from the repository's cache
 * when it is that version, else one built into the cache with Go (a few minutes, once).
 */
export async function ensureFerretDbBinary(log: (line: string) => void = () => undefined): Promise<string> {
  const cached = join(FERRETDB_CACHE_BIN, 'ferretdb');
  for (const candidate of [...onPath(), cached]) {
    if (await isWantedVersion(candidate)) return candidate;
  }
  await requireGo();
  log(`Building FerretDB ${FERRETDB_VERSION} into ${FERRETDB_CACHE_BIN} (first run only; takes a few minutes)`);
  await build();
  if (!(await isWantedVersion(cached))) {
    throw new Error(`FerretDB: ${cached} was built but does not report version ${FERRETDB_VERSION}`);
  }
  return cached;
}

/**
 * `go install …/cmd/ferretdb@v1.24.2` alone gives a binary that panics at start: the module
 * zip lacks the generated `build/version/version.txt`. So the module is downloaded, copied,
 * given that file, and installed from the copy.
 */
async function build(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'pat-ferretdb-src-'));
  try {
    const { stdout } = await go(['mod', 'download', '-json', FERRETDB_MODULE], work);
    const source = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (!source) throw new Error(`\`go mod download ${FERRETDB_MODULE}\` named no directory: ${stdout}`);
    const copy = join(work, 'src');
    cpSync(source, copy, { recursive: true });
    makeWritable(copy);
    writeFileSync(join(copy, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    await go(['install', '-buildvcs=false', './cmd/ferretdb'], copy, { GOBIN: FERRETDB_CACHE_BIN });
  } finally {
    makeWritable(work);
    rmSync(work, { recursive: true, force: true });
  }
}

async function go(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string }> {
  try {
    return await run('go', args, {
      cwd,
      env: { ...process.env, ...env },
      timeout: GO_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`FerretDB: \`go ${args.join(' ')}\` failed: ${reason(error)}`, { cause: error });
  }
}

/** The module cache is read-only; the copy must accept a new file and be removable. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else if (entry.isFile()) chmodSync(path, 0o644);
  }
}

function onPath(): string[] {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'ferretdb'));
}

async function isWantedVersion(binary: string): Promise<boolean> {
  if (!existsSync(binary)) return false;
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return stdout.includes(`version: ${FERRETDB_VERSION}`);
  } catch {
    return false;
  }
}

async function requireGo(): Promise<void> {
  const advice = `put a ferretdb ${FERRETDB_VERSION} binary on PATH, or set MONGO_URL to a MongoDB server`;
  let output: string;
  try {
    output = (await run('go', ['version'], { timeout: 30_000 })).stdout;
  } catch (error) {
    throw new Error(
      `FerretDB ${FERRETDB_VERSION} is not installed and cannot be built: \`go version\` failed (${reason(error)}). ` +
        `Install Go >= ${MIN_GO.join('.')}, or ${advice}.`,
      { cause: error },
    );
  }
  const match = /go(\d+)\.(\d+)/.exec(output);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new Error(
      `FerretDB ${FERRETDB_VERSION} needs Go >= ${MIN_GO.join('.')} to build; found "${output.trim()}". ` +
        `Install a newer Go, or ${advice}.`,
    );
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const stderr = (error as Error & { stderr?: unknown }).stderr;
  return typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim().slice(-2000) : error.message;
}
