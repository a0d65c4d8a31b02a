import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';

const ROOT = resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function startMain(port: string): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [join(ROOT, 'test/support/run-ts.js'), 'test/eventstore-double/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, EVENTSTORE_DOUBLE_PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  return { child, output: () => output, exit };
}

describe('npm run eventstore:double (test/eventstore-double/main.ts)', () => {
  it('serves EventStoreDB on 127.0.0.1:EVENTSTORE_DOUBLE_PORT until SIGTERM', async () => {
    const port = await freePort();
    const main = startMain(String(port));
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    try {
      const deadline = Date.now() + 10_000;
      while (!main.output().includes('listening')) {
        if (Date.now() > deadline) throw new Error(`Not listening: ${main.output()}`);
        await new Promise((wait) => setTimeout(wait, 20));
      }

      const result = await client.appendToStream(`pat-${randomUUID()}`, [jsonEvent({ type: 'A', data: {} })], {
        expectedRevision: NO_STREAM,
      });

      expect(result.nextExpectedRevision).toBe(0n);
      expect(main.output()).toContain(`EVENTSTORE_URL=esdb://127.0.0.1:${port}?tls=false`);
    } finally {
      await client.dispose();
      main.child.kill('SIGTERM');
    }
    expect(await main.exit).toBe(0);
  }, 15_000);

  it('refuses a port that is not one, naming the variable', async () => {
    const main = startMain('21x3');

    expect(await main.exit).toBe(1);
    expect(main.output()).toContain('EVENTSTORE_DOUBLE_PORT');
  }, 15_000);
});
