import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDataDir } from '../../../../test/support/temp-dir';

const ROOT = join(__dirname, '..', '..', '..', '..');
const WORKER = join(ROOT, 'test/support/sqlite-open-worker.ts');
const PROCESSES = 3;
const FILES = 1000;

describe('a SQLite file of DATA_DIR', () => {
  it(`opens in every one of ${PROCESSES} processes opening the same ${FILES} fresh files together`, async () => {
    const data = tempDataDir('pat-sqlite-open');
    try {
      const prefix = join(data.path, 'fresh');
      const runs = await Promise.all(
        Array.from({ length: PROCESSES }, () =>
          promisify(execFile)(process.execPath, [join(ROOT, 'test/support/run-ts.js'), WORKER, prefix, String(FILES)]),
        ),
      );
      expect(runs.map((run) => JSON.parse(run.stdout) as Record<string, number>)).toEqual(
        new Array(PROCESSES).fill({}),
      );
    } finally {
      data.remove();
    }
  }, 60_000);
});
