import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startProcess, type ApiProcess } from './support/api-process';
import { eventually } from './support/outcome-deadline';
import { collectLines } from './support/output-lines';
import { tempDataDir } from './support/temp-dir';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
const JWT_IN_URL = '/no/such?q=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`);

const isJson = (line: string): boolean => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

/** The built API under a pseudo-terminal (util-linux `script`), as `npm start` in a terminal runs it. */
class ApiOnTerminal {
  private readonly output: string[];
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.output = collectLines([child.stdout]);
  }

  static async start(env: Record<string, string>): Promise<ApiOnTerminal> {
    const port = await freePort();
    const child = spawn('script', ['-qfec', `"${process.execPath}" "${MAIN}"`, '/dev/null'], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env, PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const api = new ApiOnTerminal(child, `http://127.0.0.1:${port}`);
    await eventually(async () => (await fetch(`${api.url}/health/ready`).catch(() => null))?.ok === true);
    return api;
  }

  lines(): string[] {
    return this.output;
  }

  async lineWith(text: string): Promise<string> {
    await eventually(() => Promise.resolve(this.output.some((line) => line.includes(text))));
    return this.output.find((line) => line.includes(text)) ?? '';
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

describe('log lines: readable at a terminal, JSON lines everywhere else', () => {
  const dataDir = tempDataDir('pat-log-format');
  afterAll(() => dataDir.remove());

  describe('on a terminal, by default', () => {
    let api: ApiOnTerminal;
    beforeAll(async () => {
      api = await ApiOnTerminal.start({ DATA_DIR: dataDir.path });
      await fetch(`${api.url}${JWT_IN_URL}`);
      await eventually(() => Promise.resolve(api.lines().some((line) => line.includes('/no/such'))));
    }, 60_000);
    afterAll(() => api.stop());

    it('writes one readable, coloured line per entry, and no JSON', () => {
      const listening = api.lines().find((line) => line.includes('API listening on'));
      expect(listening).toMatch(/^\S*\[\d\d:\d\d:\d\d\.\d{3}\]/);
      expect(listening).toMatch(ANSI_COLOUR);
      expect(api.lines().filter(isJson)).toEqual([]);
    });

    it('puts a request on one line, with its status, and still redacts what looks like a secret', () => {
      const request = api.lines().find((line) => line.includes('/no/such'));
      expect(request).toContain('404');
      expect(request).toContain('[redacted]');
      expect(request).not.toContain('eyJzdWIi');
    });
  });

  describe('with LOG_FORMAT=json on a terminal', () => {
    let api: ApiOnTerminal;
    beforeAll(async () => {
      api = await ApiOnTerminal.start({ DATA_DIR: dataDir.path, LOG_FORMAT: 'json' });
    }, 60_000);
    afterAll(() => api.stop());

    it('writes JSON lines', async () => {
      const listening = await api.lineWith('API listening on');
      expect(JSON.parse(listening)).toMatchObject({ level: 30, msg: expect.stringContaining('API listening on') });
    });
  });

  describe('through a pipe', () => {
    let byDefault: ApiProcess;
    let pretty: ApiProcess;
    beforeAll(async () => {
      byDefault = await startProcess('api', { DATA_DIR: dataDir.path });
      pretty = await startProcess('api', { DATA_DIR: dataDir.path, LOG_FORMAT: 'pretty' });
    }, 60_000);
    afterAll(() => Promise.all([byDefault.stop(), pretty.stop()]));

    it('writes JSON lines by default', () => {
      expect(byDefault.output.length).toBeGreaterThan(0);
      expect(byDefault.output.filter((line) => !isJson(line))).toEqual([]);
    });

    it('writes readable lines without colour codes when asked to', () => {
      expect(pretty.output.some((line) => line.includes('API listening on'))).toBe(true);
      expect(pretty.output.filter(isJson)).toEqual([]);
      expect(pretty.output.filter((line) => ANSI_COLOUR.test(line))).toEqual([]);
    });
  });
});
