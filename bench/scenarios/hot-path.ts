import { MAX_REQUESTS_PER_SECOND } from '@pat/domain';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiEnv, PEPPER, startApi, startTs, tempDir } from '../support/bench-env';
import type { Child } from '../support/child-process';
import { runLoad, type LoadResult } from '../support/load';
import { atLeast, below, fixed, row, thousands, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { seedTokens } from '../support/seed-log';
import { median } from '../support/stats';

const TOKENS_IN_LOG = 1_000;

interface Target {
  label: string;
  child: Child;
  token: string;
  /** Default: the product's `/api/v1/whoami`. */
  path?: string;
}

type Runs = Map<string, LoadResult[]>;

/** A token of the right shape whose check characters are wrong: refused by the CRC, before any lookup. */
function malformedFrom(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return token.slice(0, -1) + last;
}

/**
 * GET /api/v1/whoami with a valid token at 32 connections, every target in every round, so
 * that the ratios compare runs made under the same machine load.
 */
export async function hotPathScenario({ sizes, mongo, log }: ScenarioContext): Promise<ResultRow[]> {
  const dir = tempDir('hot');
  // The second token has a rate limit it never reaches under this load: what the limiter costs.
  const tokens = seedTokens(join(dir, 'events.sqlite'), {
    count: TOKENS_IN_LOG,
    pepper: PEPPER,
    keep: TOKENS_IN_LOG,
    rateLimit: (index) => (index === 1 ? MAX_REQUESTS_PER_SECOND : null),
  });
  const viewsFile = join(dir, 'views.json');
  writeFileSync(
    viewsFile,
    JSON.stringify(
      tokens.map((token) => ({
        digest: token.digest,
        userId: token.userId,
        tokenId: token.id,
        tokenName: token.name,
        expiresAt: token.expiresAt.toISOString(),
      })),
    ),
  );
  const valid = tokens[0].token;
  const mongoUrl = mongo.url('bench_hot_path');
  const children: Child[] = [];
  try {
    const bare = await startTs(
      'bench/baselines/bare-http.ts',
      { VIEWS_FILE: viewsFile, TOKEN_PEPPER: PEPPER },
      '/health/ready',
    );
    children.push(bare);
    const floor = await startTs(
      'bench/baselines/nest-fastify-floor.ts',
      { VIEWS_FILE: viewsFile, TOKEN_PEPPER: PEPPER },
      '/health/ready',
    );
    children.push(floor);
    const embedded = await startApi(apiEnv(dir));
    children.push(embedded);
    const onMongo = await startApi(apiEnv(dir, { MONGO_URL: mongoUrl }), 300_000);
    children.push(onMongo);
    const naive = await startTs(
      'bench/baselines/naive-express.ts',
      { MONGO_URL: mongoUrl, TOKEN_PEPPER: PEPPER },
      '/health/ready',
    );
    children.push(naive);
    const consumerEnv = { MONGO_URL: mongoUrl, TOKEN_PEPPER: PEPPER };
    const consumer = await startTs('examples/consumer-api/src/main.ts', consumerEnv, '/health');
    children.push(consumer);
    const uncached = await startTs(
      'examples/consumer-api/src/main.ts',
      { ...consumerEnv, CACHE_TTL_MS: '0' },
      '/health',
    );
    children.push(uncached);
    const targets: Target[] = [
      { label: 'ceiling', child: bare, token: valid },
      { label: 'floor', child: floor, token: valid },
      { label: 'embedded', child: embedded, token: valid },
      { label: 'mongo', child: onMongo, token: valid },
      { label: 'naive', child: naive, token: valid },
      { label: 'limited', child: embedded, token: tokens[1].token },
      { label: 'malformed', child: embedded, token: malformedFrom(valid) },
      { label: 'consumer', child: consumer, token: valid, path: '/reports' },
      { label: 'consumer-uncached', child: uncached, token: valid, path: '/reports' },
    ];
    const load = (target: Target, seconds: number): Promise<LoadResult> =>
      runLoad({
        url: `${target.child.url}${target.path ?? '/api/v1/whoami'}`,
        connections: sizes.connections,
        seconds,
        headers: { 'X-API-Token': target.token },
      });
    for (const target of targets) await load(target, sizes.warmupSeconds);
    const runs: Runs = new Map(targets.map((target) => [target.label, []]));
    for (let round = 1; round <= sizes.rounds; round++) {
      for (const target of targets) {
        const result = await load(target, sizes.loadSeconds);
        runs.get(target.label)?.push(result);
        log(
          `  round ${round} ${target.label}: ${thousands(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms ${JSON.stringify(result.statuses)}`,
        );
      }
    }
    return hotPathRows(runs, sizes.rounds);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

function hotPathRows(runs: Runs, rounds: number): ResultRow[] {
  const of = (label: string): LoadResult[] => runs.get(label) ?? [];
  const rps = (label: string): number => median(of(label).map((run) => run.requestsPerSecond));
  const ratio = (label: string, base: string): number =>
    median(of(label).map((run, index) => run.requestsPerSecond / of(base)[index].requestsPerSecond));
  const latency = (label: string): string =>
    `p50 ${fixed(median(of(label).map((run) => run.p50Ms)))} ms, p99 ${fixed(median(of(label).map((run) => run.p99Ms)))} ms`;
  const unexpected = (label: string, expected: '2xx' | '4xx'): string => {
    const wrong = of(label).reduce(
      (sum, run) =>
        sum + run.errors + Object.entries(run.statuses).reduce((s, [k, n]) => s + (k === expected ? 0 : n), 0),
      0,
    );
    return wrong === 0 ? '' : ` (${wrong} unexpected answers)`;
  };
  const p99 = (label: string): number => median(of(label).map((run) => run.p99Ms));
  const rows: ResultRow[] = [
    row(
      '1. auth hot path',
      'ceiling: node:http + Map',
      `${thousands(rps('ceiling'))} req/s, ${latency('ceiling')}${unexpected('ceiling', '2xx')}`,
    ),
    row(
      '1. auth hot path',
      'framework floor: Nest/Fastify + passport + Map',
      `${thousands(rps('floor'))} req/s, ${latency('floor')}${unexpected('floor', '2xx')}`,
    ),
    row('1. auth hot path', 'framework floor ÷ ceiling', `${fixed(ratio('floor', 'ceiling'), 2)} ×`),
    row(
      '1. auth hot path',
      'naive: Nest/Express + passport + findOne',
      `${thousands(rps('naive'))} req/s, ${latency('naive')}${unexpected('naive', '2xx')}`,
    ),
  ];
  for (const [label, name] of [
    ['embedded', 'product, embedded'],
    ['mongo', 'product, MongoDB read model'],
  ] as const) {
    rows.push(
      row(
        '1. auth hot path',
        `${name}`,
        `${thousands(rps(label))} req/s, ${latency(label)}${unexpected(label, '2xx')}`,
        'p99 < 10 ms',
        below(p99(label), 10),
      ),
      row(
        '1. auth hot path',
        `${name} ÷ ceiling`,
        `${fixed(ratio(label, 'ceiling'), 2)} ×`,
        '≥ 0.30 ×',
        atLeast(ratio(label, 'ceiling'), 0.3),
      ),
      row('1. auth hot path', `${name} ÷ framework floor`, `${fixed(ratio(label, 'floor'), 2)} ×`),
      row(
        '1. auth hot path',
        `${name} ÷ naive`,
        `${fixed(ratio(label, 'naive'), 1)} ×`,
        '≥ 4 ×',
        atLeast(ratio(label, 'naive'), 4),
      ),
    );
  }
  rows.push(
    row(
      '1. auth hot path',
      'product, embedded, a token with maxRequestsPerSecond (never reached)',
      `${thousands(rps('limited'))} req/s, ${latency('limited')}${unexpected('limited', '2xx')}`,
    ),
    row(
      '1. auth hot path',
      'rate-limited token ÷ unlimited (embedded): the limiter’s cost',
      `${fixed(ratio('limited', 'embedded'), 2)} ×`,
      '≥ 0.90 ×',
      atLeast(ratio('limited', 'embedded'), 0.9),
    ),
    row(
      '1. auth hot path',
      'malformed token refused (401), embedded',
      `${thousands(rps('malformed'))} req/s, ${latency('malformed')}${unexpected('malformed', '4xx')}`,
    ),
    row(
      '1. auth hot path',
      'malformed ÷ ceiling',
      `${fixed(ratio('malformed', 'ceiling'), 2)} ×`,
      '≥ 0.5 ×',
      atLeast(ratio('malformed', 'ceiling'), 0.5),
    ),
    row(
      '1. auth hot path',
      'malformed ÷ valid (embedded)',
      `${fixed(ratio('malformed', 'embedded'), 2)} ×`,
      '> 1 ×',
      atLeast(ratio('malformed', 'embedded'), 1.0000001),
    ),
  );
  for (const [label, name] of [
    ['consumer', '@pat/nest-guard consumer (example, GET /reports, read_api), MongoDB, cacheTtlMs 1000'],
    ['consumer-uncached', '@pat/nest-guard consumer, MongoDB, cacheTtlMs 0 (a lookup per request)'],
  ] as const) {
    rows.push(
      row('1. auth hot path', name, `${thousands(rps(label))} req/s, ${latency(label)}${unexpected(label, '2xx')}`),
      row('1. auth hot path', `${name} ÷ ceiling`, `${fixed(ratio(label, 'ceiling'), 2)} ×`),
      row('1. auth hot path', `${name} ÷ framework floor`, `${fixed(ratio(label, 'floor'), 2)} ×`),
    );
  }
  void rounds;
  return rows;
}
