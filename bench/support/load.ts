import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './child-process';

const AUTOCANNON = join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');

export interface LoadRun {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by status class, e.g. { '2xx': 1000, '4xx': 0 }. */
  statuses: Record<string, number>;
  errors: number;
}

interface AutocannonJson {
  requests: { total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}

/** Runs autocannon in a process of its own (the load must not share the measured process's CPU time). */
export function runLoad(run: LoadRun): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    '--json',
    '-c',
    String(run.connections),
    '-d',
    String(run.seconds),
    '-m',
    run.method ?? 'GET',
  ];
  for (const [name, value] of Object.entries(run.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (run.body !== undefined) args.push('-b', run.body);
  args.push(run.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr.slice(-2000)}`));
      const json = JSON.parse(stdout) as AutocannonJson;
      resolve({
        requestsPerSecond: json.requests.total / json.duration,
        p50Ms: json.latency.p50,
        p99Ms: json.latency.p99,
        statuses: { '2xx': json['2xx'], '3xx': json['3xx'], '4xx': json['4xx'], '5xx': json['5xx'] },
        errors: json.errors + json.timeouts,
      });
    });
  });
}
