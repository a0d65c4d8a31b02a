import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, startApi, startEventStoreDouble, tempDir } from '../support/bench-env';
import type { Child } from '../support/child-process';
import { runLoad, type LoadResult } from '../support/load';
import { atLeast, fixed, row, thousands, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { median } from '../support/stats';

const BODY = JSON.stringify({ name: 'bench token', expiresInDays: 30 });
/** TOKEN_MAX_ACTIVE_PER_USER at its highest; a user of its own for each second of load stays below it. */
const TOKENS_PER_USER = 10_000;

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** One-second loads, each of them a new user's: the figures of the whole (p99: the worst second's). */
function combined(seconds: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const second of seconds) {
    for (const [status, count] of Object.entries(second.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    requestsPerSecond: sum(seconds.map((second) => second.requestsPerSecond)) / seconds.length,
    p50Ms: median(seconds.map((second) => second.p50Ms)),
    p99Ms: Math.max(...seconds.map((second) => second.p99Ms)),
    statuses,
    errors: sum(seconds.map((second) => second.errors)),
  };
}

/** POST /api/v1/tokens at full speed: each answer is a durable append the read model shows. */
export async function generationScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  let users = 0;
  const nextUserJwt = (): Promise<string> =>
    signUserJwt(JWT_SECRET, { sub: `bench-generator-${++users}`, email: 'generator@example.com' });
  const env = { TOKEN_MAX_ACTIVE_PER_USER: String(TOKENS_PER_USER) };
  const double = await startEventStoreDouble();
  const children: Child[] = [double.child];
  try {
    const targets: [string, Child][] = [
      ['embedded (SQLite, synchronous=FULL)', await startApi(apiEnv(tempDir('generation'), env))],
      [
        'EventStoreDB (gRPC test double)',
        await startApi(apiEnv(tempDir('generation-esdb'), { ...env, EVENTSTORE_URL: double.url })),
      ],
    ];
    children.push(...targets.map(([, child]) => child));
    const load = async (child: Child, seconds: number): Promise<LoadResult> => {
      const parts: LoadResult[] = [];
      for (let second = 0; second < seconds; second++) {
        const jwt = await nextUserJwt();
        parts.push(
          await runLoad({
            url: `${child.url}/api/v1/tokens`,
            method: 'POST',
            connections: sizes.connections,
            seconds: 1,
            headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
            body: BODY,
          }),
        );
      }
      return combined(parts);
    };
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
        ? row(
            '4. generation (REST)',
            label,
            value,
            '≥ 500 tokens/s, none failed',
            failed > 0 ? 'missed' : atLeast(perSecond, 500),
          )
        : row('4. generation (REST)', label, value);
    });
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
