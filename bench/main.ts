// `npm run bench` (full, writes BENCHMARKS.md) and `npm run bench -- --quick` (small sizes).
// BENCH_ONLY=hot-path,generation runs some scenarios only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FerretDbServer } from '../test/support/ferretdb';
import { removeTempDirs } from './support/bench-env';
import { ROOT } from './support/child-process';
import { textTable, writeBenchmarksMd } from './support/report';
import type { ResultRow } from './support/results';
import type { Scenario } from './support/scenario-context';
import { benchSizes } from './support/sizes';
import { auditStreamScenario } from './scenarios/audit-stream';
import { expiryScenario } from './scenarios/expiry';
import { generationScenario } from './scenarios/generation';
import { hotPathScenario } from './scenarios/hot-path';
import { notifierScenario } from './scenarios/notifier';
import { projectionLagScenario } from './scenarios/projection-lag';
import { rebuildScenario } from './scenarios/rebuild';
import { revocationScenario } from './scenarios/revocation';
import { storeOutageScenario } from './scenarios/store-outage';
import { tokenPageScenario } from './scenarios/token-page';

const SCENARIOS: [string, Scenario][] = [
  ['hot-path', hotPathScenario],
  ['revocation', revocationScenario],
  ['projection-lag', projectionLagScenario],
  ['generation', generationScenario],
  ['notifier', notifierScenario],
  ['rebuild', rebuildScenario],
  ['audit-stream', auditStreamScenario],
  ['expiry', expiryScenario],
  ['store-outage', storeOutageScenario],
  ['token-page', tokenPageScenario],
];

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  const sizes = benchSizes(process.argv.slice(2), process.env);
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('The build failed');
  const startedAt = new Date();
  const mongo = await FerretDbServer.start();
  process.once('exit', () => mongo.killNow());
  const results: ResultRow[] = [];
  try {
    for (const [name, scenario] of SCENARIOS) {
      if (only && !only.includes(name)) continue;
      log(`${name}…`);
      const started = Date.now();
      results.push(...(await scenario({ sizes, mongo, log })));
      log(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await mongo.dispose();
    removeTempDirs();
  }
  process.stdout.write(`\n${textTable(results)}\n`);
  const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
  const command = `npm run bench${sizes.quick ? ' -- --quick' : ''}`;
  if (!sizes.quick && !only) {
    const file = join(ROOT, 'BENCHMARKS.md');
    writeBenchmarksMd(
      results,
      { command, startedAt, durationSeconds, quick: false },
      existsSync(file) ? readFileSync(file, 'utf8') : null,
    );
    log('BENCHMARKS.md written');
  }
  log(`done in ${durationSeconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
