import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, startApi, startEventStoreDouble, tempDir } from '../support/bench-env';
import type { Child } from '../support/child-process';
import { runLoad, type LoadResult } from '../support/load';
import { atLeast, fixed, row, thousands, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { median } from '../support/stats';

const BODY = JSON.stringify({ name: 'bench token', expiresInDays: 30 });

/** POST /api/v1/tokens at full speed: each answer is a durable append the read model shows. */
export async function generationScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  const jwt = await signUserJwt(JWT_SECRET, { sub: 'bench-generator', email: 'generator@example.com' });
  const double = await startEventStoreDouble();
  const children: Child[] = [double.child];
  try {
    const targets: [string, Child][] = [
      ['embedded (SQLite, synchronous=FULL)', await startApi(apiEnv(tempDir('generation')))],
      [
        'EventStoreDB (gRPC test double)',
        await startApi(apiEnv(tempDir('generation-esdb'), { EVENTSTORE_URL: double.url })),
      ],
    ];
    children.push(...targets.map(([, child]) => child));
    const load = (child: Child, seconds: number): Promise<LoadResult> =>
      runLoad({
        url: `${child.url}/api/v1/tokens`,
        method: 'POST',
        connections: sizes.connections,
        seconds,
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body: BODY,
      });
    const runs = new Map<string, LoadResult[]>(targets.map(([label]) => [label, []]));
    for (const [, child] of targets) await load(child, sizes.warmupSeconds);
    for (let round = 1; round <= sizes.rounds; round++) {
      for (const [label, child] of targets) {
        const result = await load(child, sizes.loadSeconds);
        runs.get(label)?.push(result);
        log(
          `  round ${round} ${label}: ${thousands(result.requestsPerSecond)} tokens/s ${JSON.stringify(result.statuses)}`,
        );
      }
    }
    return targets.map(([label], index) => {
      const results = runs.get(label) ?? [];
      const perSecond = median(results.map((result) => result.requestsPerSecond));
      const failed = results.reduce(
        (sum, result) => sum + result.errors + result.statuses['4xx'] + result.statuses['5xx'],
        0,
      );
      const latency = `p50 ${fixed(median(results.map((result) => result.p50Ms)))} ms, p99 ${fixed(median(results.map((result) => result.p99Ms)))} ms`;
      const value = `${thousands(perSecond)} tokens/s, ${latency}${failed > 0 ? ` (${failed} failed)` : ''}`;
      return index === 0
        ? row('4. generation (REST)', label, value, '≥ 500 tokens/s', atLeast(perSecond, 500))
        : row('4. generation (REST)', label, value);
    });
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
