/** How big and how long each scenario runs: full for BENCHMARKS.md, quick while developing. */
export interface BenchSizes {
  quick: boolean;
  /** Rounds of each load run; every figure is the median of them. */
  rounds: number;
  loadSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Tokens revoked one by one, and events appended one by one for the projection lag. */
  propagationSamples: number;
  /** Active tokens in the log for the notifier and rebuild scenarios. */
  scaleTokens: number;
  /** Tokens made due while the notifier runs. */
  dueNotices: number;
  /** Tokens that expire while the API runs. */
  expiringTokens: number;
  /** Requests timed while MongoDB is down (each may wait for the driver's server selection timeout). */
  outageSamples: number;
  /** Events the MongoDB rebuild replays (FerretDB is slower than MongoDB; see BENCHMARKS.md). */
  mongoRebuildEvents: number;
}

export function benchSizes(argv: readonly string[], env: NodeJS.ProcessEnv): BenchSizes {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  return quick
    ? {
        quick,
        rounds: 2,
        loadSeconds: 2,
        warmupSeconds: 1,
        connections: 32,
        propagationSamples: 40,
        scaleTokens: 50_000,
        dueNotices: 20,
        expiringTokens: 20,
        outageSamples: 5,
        mongoRebuildEvents: 5_000,
      }
    : {
        quick,
        rounds: 5,
        loadSeconds: 5,
        warmupSeconds: 2,
        connections: 32,
        propagationSamples: 200,
        scaleTokens: 1_000_000,
        dueNotices: 20,
        expiringTokens: 100,
        outageSamples: 10,
        mongoRebuildEvents: 100_000,
      };
}
