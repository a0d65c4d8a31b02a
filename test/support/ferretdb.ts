import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFerretDbBinary } from './ferretdb-binary';

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export { ensureFerretDbBinary, FERRETDB_VERSION } from './ferretdb-binary';

/**
 * Runs FerretDB ("$@") under a shell that stops it (SIGTERM) once its stdin, a pipe from this
 * process, reaches end of file: on `stop()`, and also when this process dies without cleaning
 * up (a killed jest), so no FerretDB outlives the run. Exits with FerretDB's status.
 */
const SUPERVISOR = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'child=$!',
  '{ read -r _ <&3; kill -TERM "$child" 2>/dev/null; } &',
  'wait "$child"',
].join('\n');

/**
 * A MongoDB-wire server for tests: one FerretDB process on 127.0.0.1 with its own data
 * directory, which can be stopped and started again on the same port and data.
 */
export class FerretDbServer {
  private process: ChildProcess | null = null;
  private stderr = '';

  private constructor(
    private readonly binary: string,
    readonly port: number,
    readonly dataDir: string,
  ) {}

  /** Starts FerretDB with a fresh temporary data directory, on `port` or else a free one. */
  static async start(options: { binary?: string; port?: number } = {}): Promise<FerretDbServer> {
    const server = new FerretDbServer(
      options.binary ?? (await ensureFerretDbBinary()),
      options.port ?? (await freePort()),
      mkdtempSync(join(tmpdir(), 'pat-ferretdb-')),
    );
    try {
      await server.restart();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** `mongodb://` URL of one database on this server. */
  url(database = ''): string {
    return `mongodb://127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the process again on the same port and data; resolves once it accepts connections. */
  async restart(): Promise<void> {
    if (this.process) return;
    this.stderr = '';
    const child = spawn(
      'sh',
      [
        '-c',
        SUPERVISOR,
        'ferretdb-supervisor',
        this.binary,
        '--handler=sqlite',
        `--sqlite-url=file:${this.dataDir}/`,
        `--listen-addr=127.0.0.1:${this.port}`,
        `--state-dir=${this.dataDir}`,
        '--debug-addr=127.0.0.1:0',
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: ['pipe', 'ignore', 'pipe'], detached: true },
    );
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.process = child;
    try {
      await waitUntilListening(this.port, child, () => this.stderr);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL); the data directory stays for `restart`. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child) return;
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.stdin?.end();
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the process and removes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** For a process `exit` handler, where nothing asynchronous runs. */
  killNow(): void {
    if (this.process) killGroup(this.process, 'SIGKILL');
    this.process = null;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The supervisor, its reader and FerretDB share a process group of their own. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilListening(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`FerretDB exited during start-up (${child.exitCode ?? child.signalCode}): ${stderr().trim()}`);
    }
    if (await accepts(port)) return;
    if (Date.now() > deadline) {
      throw new Error(`FerretDB did not accept connections on port ${port} within ${STARTUP_TIMEOUT_MS} ms`);
    }
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveAccepts) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveAccepts(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolveAccepts(false);
    });
  });
}
