import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/api-process';
import { RUN_TS, ROOT, startChild, type Child } from './child-process';
import { seedTokens, type SeededToken } from './seed-log';

export const PEPPER = 'bench-token-pepper-0123456789abcdef';
export const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghi';

const tempDirs: string[] = [];

export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pat-bench-${name}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh DATA_DIR whose log holds `count` active tokens of `userId`, returned with their secrets. */
export function logOfOwnedTokens(name: string, userId: string, count: number): { dir: string; tokens: SeededToken[] } {
  const dir = tempDir(name);
  const tokens = seedTokens(join(dir, 'events.sqlite'), { count, pepper: PEPPER, keep: count, userId: () => userId });
  return { dir, tokens };
}

/** The API's environment as an operator would set it, with the refusal throttle off (see BENCHMARKS.md). */
export function apiEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    TOKEN_PEPPER: PEPPER,
    AUTH_JWT_SECRET: JWT_SECRET,
    LOG_LEVEL: 'info',
    AUTH_FAILURE_LIMIT: '0',
    ...extra,
  };
}

export async function startApi(env: Record<string, string>, readyTimeoutMs = 30_000): Promise<Child> {
  const port = await freePort();
  return startChild({
    args: [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')],
    env: { ...env, PORT: String(port) },
    port,
    readyPath: '/health/ready',
    readyTimeoutMs,
  });
}

export async function startNotifier(env: Record<string, string>, readyTimeoutMs = 120_000): Promise<Child> {
  const port = await freePort();
  return startChild({
    args: [join(ROOT, 'dist', 'apps', 'notifier', 'src', 'main.js')],
    env: { ...env, NOTIFIER_PORT: String(port) },
    port,
    readyPath: '/health/ready',
    readyTimeoutMs,
  });
}

/** A bench/ TypeScript file run as its own process, listening on PORT. */
export async function startTs(file: string, env: Record<string, string>, readyPath: string): Promise<Child> {
  const port = await freePort();
  return startChild({ args: [RUN_TS, join(ROOT, file)], env: { ...env, PORT: String(port) }, port, readyPath });
}

export async function startEventStoreDouble(): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = await startChild({
    args: [RUN_TS, join(ROOT, 'test', 'eventstore-double', 'main.ts')],
    env: { EVENTSTORE_DOUBLE_PORT: String(port) },
    port,
    readyPath: null,
  });
  await waitForLine(child, 'listening');
  return { child, url: `esdb://127.0.0.1:${port}?tls=false` };
}

async function waitForLine(child: Child, text: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!child.tail().includes(text)) {
    if (Date.now() > deadline) throw new Error(`EventStoreDB double did not start: ${child.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
