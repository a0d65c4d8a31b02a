/**
 * A child process that opens fresh SQLite files of DATA_DIR through the adapter's own opener,
 * `<prefix>-0.sqlite` to `<prefix>-<count - 1>.sqlite`, as other workers open the same ones.
 * Run by `run-ts.js`: `node test/support/run-ts.js test/support/sqlite-open-worker.ts <prefix> <count>`.
 * Prints the failures as a JSON object, message → times.
 */
import { openSqliteFile } from '../../libs/stores/src/sqlite/sqlite-file';

const [prefix, count] = process.argv.slice(2);
const failures: Record<string, number> = {};
for (let i = 0; i < Number(count); i++) {
  try {
    const db = openSqliteFile(`${prefix}-${i}.sqlite`, 'CREATE TABLE IF NOT EXISTS opened (at INTEGER)', {
      synchronous: 'FULL',
    });
    db.close();
  } catch (error) {
    const message = String(error);
    failures[message] = (failures[message] ?? 0) + 1;
  }
}
process.stdout.write(JSON.stringify(failures));
