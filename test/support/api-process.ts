import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { listensOn } from './port-owner';
import { collectLines } from './output-lines';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  url: string;
  port: number;
  /** Every line the process printed, stdout and stderr. */
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process on a port taken by someone else at most this often before giving up. */
const START_ATTEMPTS = 3;

/** Runs a built app (`npm run build` first) as its own OS process and waits until it is ready. */
export function startProcess(
  app: 'api' | 'notifier',
  env: Record<string, string>,
  readyPath = '/health/ready',
): Promise<ApiProcess> {
  const program = { main: join(ROOT, 'dist', 'apps', app, 'src', 'main.js'), cwd: ROOT };
  return startProgram(program, env, readyPath, app === 'api' ? 'PORT' : 'NOTIFIER_PORT');
}

export interface NodeProgram {
  /** The JavaScript file node runs. */
  main: string;
  cwd: string;
}

/** Runs a Node.js program listening on the port in `portVariable`, and waits until `readyPath` answers 2xx. */
export async function startProgram(
  program: NodeProgram,
  env: Record<string, string>,
  readyPath: string,
  portVariable = 'PORT',
): Promise<ApiProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(program, env, readyPath, portVariable);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === START_ATTEMPTS) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOnFreePort(
  program: NodeProgram,
  env: Record<string, string>,
  readyPath: string,
  portVariable: string,
) {
  const port = await freePort();
  const child = spawn(process.execPath, [program.main], {
    cwd: program.cwd,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env, [portVariable]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectLines([child.stdout, child.stderr]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, port, `${url}${readyPath}`, output);
  return { url, port, output, stop: (signal?: NodeJS.Signals) => stopChild(child, signal) };
}

/** Ready: the path answers 2xx, and it is this child that listens on the port (see listensOn). */
async function waitUntilReady(child: ChildProcess, port: number, url: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const message = `Process exited with ${child.exitCode}:\n${output.join('\n')}`;
      throw output.some((line) => line.includes('EADDRINUSE')) ? new PortTaken(message) : new Error(message);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok && listensOn(child.pid ?? 0, port) !== false) return;
    } catch {
      // not listening yet, or not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Process not ready at ${url}:\n${output.join('\n')}`);
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
