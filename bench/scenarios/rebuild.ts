import { join } from 'node:path';
import { apiEnv, startApi } from '../support/bench-env';
import { ROOT, startChild } from '../support/child-process';
import { samplePeakRss } from '../support/peak-rss';
import { below, fixed, mib, row, thousands, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { median } from '../support/stats';
import { scaleLog } from './notifier';

/**
 * The read model rebuilt from the log: the embedded one at every API start (start → ready),
 * and MongoDB's by `npm run projections:rebuild`.
 */
export async function rebuildScenario({ sizes, mongo, log }: ScenarioContext): Promise<ResultRow[]> {
  const dir = scaleLog(sizes.scaleTokens);
  const times: number[] = [];
  const peaks: number[] = [];
  for (let round = 1; round <= Math.min(3, sizes.rounds); round++) {
    const started = Date.now();
    const api = await startApi(apiEnv(dir), 600_000);
    times.push((Date.now() - started) / 1000);
    peaks.push(samplePeakRss(api.pid).stop());
    await api.stop();
    log(`  embedded round ${round}: ${fixed(times.at(-1) ?? 0)} s`);
  }
  const rows = [
    row(
      '6. rebuild',
      `embedded read model from ${thousands(sizes.scaleTokens)} events (API start → ready)`,
      `${fixed(median(times))} s`,
      '< 60 s',
      below(median(times), 60),
    ),
    row('6. rebuild', 'embedded: peak RSS of the API (VmHWM)', mib(median(peaks))),
  ];
  const mongoDir = sizes.mongoRebuildEvents === sizes.scaleTokens ? dir : scaleLog(sizes.mongoRebuildEvents);
  const started = Date.now();
  const rebuild = await startChild({
    args: [join(ROOT, 'dist', 'scripts', 'projections-rebuild.js')],
    env: apiEnv(mongoDir, { MONGO_URL: mongo.url('bench_rebuild') }),
    port: 0,
    readyPath: null,
  });
  const rss = samplePeakRss(rebuild.pid);
  const code = await rebuild.exited;
  const seconds = (Date.now() - started) / 1000;
  const peak = rss.stop();
  if (code !== 0) throw new Error(`projections:rebuild failed: ${rebuild.tail()}`);
  log(`  MongoDB: ${rebuild.tail().trim()}`);
  rows.push(
    row(
      '6. rebuild',
      `MongoDB read model (FerretDB) from ${thousands(sizes.mongoRebuildEvents)} events (projections:rebuild)`,
      `${fixed(seconds)} s, ${thousands(sizes.mongoRebuildEvents / seconds)} events/s`,
    ),
    row('6. rebuild', 'MongoDB: peak RSS of projections:rebuild (VmHWM)', mib(peak)),
  );
  return rows;
}
