import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './api-process';
import { eventually } from './outcome-deadline';
import { tempDataDir } from './temp-dir';

const ROOT = join(__dirname, '..', '..');

export interface NginxGateway {
  port: number;
  /** What nginx wrote to its error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

export interface GatewayAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** What the application behind nginx was handed: `userId`, `tokenId`, `scopes`, `apiToken`, and the `path`. */
  seen: Record<string, string>;
}

/** The README's nginx configuration, as written there (the one ```nginx block). */
export function readmeNginxConfig(): string {
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```nginx\n([\s\S]*?)```/g)];
  if (blocks.length !== 1) throw new Error(`README.md has ${blocks.length} nginx blocks, not one`);
  return blocks[0][1];
}

/**
 * nginx in the foreground, with the README's configuration pointed at the API on `apiPort`,
 * and the application behind it played by nginx itself: it answers what it was handed.
 */
export async function startNginxGateway(apiPort: number): Promise<NginxGateway> {
  const [port, appPort] = [await freePort(), await freePort()];
  const dir = tempDataDir('pat-nginx');
  // Worker processes run as an unprivileged user when nginx is started by root.
  chmodSync(dir.path, 0o755);
  let gateway = readmeNginxConfig();
  gateway = replaceOnce(gateway, 'server 127.0.0.1:3000;', `server 127.0.0.1:${apiPort};`);
  gateway = replaceOnce(gateway, 'server 127.0.0.1:8000;', `server 127.0.0.1:${appPort};`);
  gateway = replaceOnce(gateway, 'listen 8080;', `listen 127.0.0.1:${port};`);
  const temp = (name: string): string => `${name}_temp_path ${join(dir.path, `${name}-temp`)};`;
  writeFileSync(
    join(dir.path, 'nginx.conf'),
    `pid ${join(dir.path, 'nginx.pid')};
error_log ${join(dir.path, 'error.log')} notice;
events { worker_connections 256; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
${gateway}
  server {
    listen 127.0.0.1:${appPort};
    location / {
      default_type text/plain;
      return 200 "userId=$http_x_auth_user_id\\ntokenId=$http_x_auth_token_id\\nscopes=$http_x_auth_scopes\\napiToken=$http_x_api_token\\npath=$uri\\n";
    }
  }
}
`,
  );
  const errorLog = (): string => readFileSync(join(dir.path, 'error.log'), 'utf8');
  const output: string[] = [];
  const child = spawn(
    nginxBinary(),
    ['-p', dir.path, '-c', join(dir.path, 'nginx.conf'), '-e', join(dir.path, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output.join('')}`);
    return (await fetch(`http://127.0.0.1:${port}/`).catch(() => null)) !== null;
  }, 10_000);
  return {
    port,
    errorLog,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      dir.remove();
    },
  };
}

/** A GET through the gateway from a client at `from` (any 127.x.y.z is this machine). */
export function gatewayGet(
  gateway: NginxGateway,
  headers: Record<string, string>,
  from = '127.0.0.1',
  path = '/',
): Promise<GatewayAnswer> {
  return new Promise((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port: gateway.port, path, headers, localAddress: from, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('latin1');
          const status = response.statusCode ?? 0;
          resolve({ status, headers: response.headers, seen: status === 200 ? seenBy(body) : {} });
        });
      },
    );
    call.on('error', reject);
    call.end();
  });
}

/** The status nginx answers a request whose X-API-Token holds these bytes, which no HTTP client library would send. */
export function gatewayStatusForRawToken(gateway: NginxGateway, token: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(gateway.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('connect', () => {
      socket.write(
        Buffer.concat([
          Buffer.from('GET / HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\nX-API-Token: '),
          token,
          Buffer.from('\r\n\r\n'),
        ]),
      );
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const statusLine = /^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
      if (statusLine) resolve(Number(statusLine[1]));
      else reject(new Error('nginx sent no status line'));
    });
  });
}

function seenBy(body: string): Record<string, string> {
  return Object.fromEntries(
    body
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

function replaceOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`The README's nginx block must hold "${from}" once`);
  return text.replace(from, to);
}

function nginxBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'nginx');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  throw new Error('nginx is not installed (.ci/run installs it: apt-get install nginx-light)');
}
