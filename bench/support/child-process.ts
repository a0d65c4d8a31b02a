import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { sleep } from './stats';

export const ROOT = join(__dirname, '..', '..');
export const RUN_TS = join(ROOT, 'test', 'support', 'run-ts.js');

export interface Child {
  readonly pid: number;
  readonly url: string;
  /** The last lines the process printed. */
  tail(): string;
  /** Resolves when it has exited; SIGKILL after 10 s. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

export interface ChildOptions {
  /** Node arguments: the script and its own arguments. */
  args: string[];
  env: Record<string, string>;
  port: number;
  /** Path answered 200 once the process is ready; null: wait for nothing. */
  readyPath: string | null;
  readyTimeoutMs?: number;
}

/** Starts `node <args>` with only the given environment (and PATH), and waits until it is ready. */
export async function startChild(options: ChildOptions): Promise<Child> {
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const handle: Child = {
    pid: child.pid ?? 0,
    url,
    tail: () => output,
    stop: () => stopChild(child, exited),
    exited,
  };
  if (options.readyPath !== null) {
    await waitUntilReady(
      child,
      `${url}${options.readyPath}`,
      options.readyTimeoutMs ?? 30_000,
      () => `${options.args.join(' ')}\n${output}`,
    );
  }
  return handle;
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: exited with ${child.exitCode}\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  child.kill('SIGKILL');
  throw new Error(`${url}: not ready within ${timeoutMs} ms\n${output()}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(force);
  }
}
