import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './support/api-process';
import { eventually, OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';

const ROOT = join(__dirname, '..');

/** The README's walk-through, run as written (only the port differs) against `npm start`. */
describe('README walk-through', () => {
  const data = tempDataDir('pat-readme');
  let start: ChildProcess;
  let apiPort: number;
  let notifierPort: number;
  const startOutput: string[] = [];

  beforeAll(async () => {
    [apiPort, notifierPort] = [await freePort(), await freePort()];
    start = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: data.path, PORT: String(apiPort), NOTIFIER_PORT: String(notifierPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (chunk: Buffer) => startOutput.push(chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => startOutput.push(chunk.toString()));
    const ready = (port: number) => async () =>
      (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.ok === true;
    await eventually(ready(apiPort), 60_000, 200);
    await eventually(ready(notifierPort), OUTCOME_DEADLINE_MS, 200);
  }, 90_000);

  afterAll(() => data.remove());

  it('runs verbatim and shows each step', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Walk-through'), readme.indexOf('## HTTP API'));
    const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    const script = blocks.join('\n').replaceAll('localhost:3000', `localhost:${apiPort}`);
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: data.path },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/"token":"pat_[0-9A-Za-z]{46}"/);
    expect(out).toMatch(/\{"userId":"alice","tokenId":"[0-9a-f-]{36}","tokenName":"CI deploy"/);
    expect(out).toMatch(/^200 \{'userId': 'alice', 'tokenId': '[0-9a-f-]{36}', 'tokenName': 'CI deploy'/m);
    expect(out).toMatch(/^204$/m);
    expect(out).toContain('"code":"token_revoked"');
    expect(out).toMatch(/"type":"TokenGenerated".*"type":"TokenRevoked"/);
  }, 60_000);

  it('stops the API and the notifier together on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    const down = (port: number) =>
      fetch(`http://127.0.0.1:${port}/health/live`).then(
        () => false,
        () => true,
      );
    await eventually(() => down(apiPort), OUTCOME_DEADLINE_MS, 100);
    await eventually(() => down(notifierPort), OUTCOME_DEADLINE_MS, 100);
  }, 30_000);
});
