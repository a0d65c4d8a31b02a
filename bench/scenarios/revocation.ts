import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, logOfOwnedTokens, PEPPER, startApi, startTs } from '../support/bench-env';
import type { Child } from '../support/child-process';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import type { SeededToken } from '../support/seed-log';
import { percentile } from '../support/stats';

const OWNER = 'bench-owner';
const GIVE_UP_MS = 5_000;
/** Each sample of the guard package's bound lasts about its cacheTtlMs (1 s): fewer of them. */
const MOST_CONSUMER_SAMPLES = 40;

type Check = (token: string) => Promise<number>;
const statusOf =
  (url: string): Check =>
  async (token) =>
    (await fetch(url, { headers: { 'X-API-Token': token } })).status;

/** Revoke through process A; the time until process B (its own read model) refuses the token. */
export async function revocationScenario({ sizes, mongo, log }: ScenarioContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const [label, extra] of [
    ['embedded', {}],
    ['MongoDB read model', { MONGO_URL: mongo.url('bench_revocation') }],
  ] as const) {
    const { dir, tokens } = logOfOwnedTokens('revocation', OWNER, sizes.propagationSamples);
    const children: Child[] = [];
    try {
      const a = await startApi(apiEnv(dir, extra), 120_000);
      children.push(a);
      const b = await startApi(apiEnv(dir, extra), 120_000);
      children.push(b);
      const jwt = await signUserJwt(JWT_SECRET, { sub: OWNER });
      const consumerSamples = Math.min(MOST_CONSUMER_SAMPLES, Math.floor(tokens.length / 2));
      const byConsumer = 'MONGO_URL' in extra ? tokens.slice(tokens.length - consumerSamples) : [];
      const byB = tokens.slice(0, tokens.length - byConsumer.length);
      const samples = await revokeAll(byB, a, statusOf(`${b.url}/api/v1/whoami`), jwt);
      log(`  ${label}: ${samples.length} revocations, max ${fixed(Math.max(...samples))} ms`);
      rows.push(
        row(
          '2. revocation propagation',
          `${label}: revoke on A → refused by B (${samples.length} tokens)`,
          `p50 ${fixed(percentile(samples, 50))} ms, p99 ${fixed(percentile(samples, 99))} ms`,
          'p99 < 100 ms',
          below(percentile(samples, 99), 100),
        ),
      );
      if (!('MONGO_URL' in extra)) continue;
      const consumer = await startTs(
        'examples/consumer-api/src/main.ts',
        { MONGO_URL: extra.MONGO_URL, TOKEN_PEPPER: PEPPER },
        '/health',
      );
      children.push(consumer);
      const byService = await revokeAll(byConsumer, a, statusOf(`${consumer.url}/reports`), jwt);
      log(`  guard package: ${byService.length} revocations, max ${fixed(Math.max(...byService))} ms`);
      rows.push(
        row(
          '2. revocation propagation',
          `${label}: revoke on A → refused by a @pat/nest-guard consumer, cacheTtlMs 1000 (${byService.length} tokens)`,
          `p50 ${fixed(percentile(byService, 50))} ms, p99 ${fixed(percentile(byService, 99))} ms`,
          'p99 ≤ 1,050 ms (cacheTtlMs + one lookup)',
          below(percentile(byService, 99), 1050.0001),
        ),
      );
    } finally {
      await Promise.all(children.map((child) => child.stop()));
    }
  }
  return rows;
}

/** For each token: accepted by `check`, revoked through A, then the time until `check` refuses it. */
async function revokeAll(tokens: SeededToken[], a: Child, whoami: Check, jwt: string): Promise<number[]> {
  const samples: number[] = [];
  for (const token of tokens) {
    if ((await whoami(token.token)) !== 200) throw new Error(`${token.id} is refused before its revocation`);
    const started = performance.now();
    const revoked = await fetch(`${a.url}/api/v1/tokens/${token.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${jwt}` },
    });
    if (revoked.status !== 204) throw new Error(`revoke answered ${revoked.status}`);
    while ((await whoami(token.token)) === 200) {
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(`${token.id} is still accepted ${GIVE_UP_MS} ms after its revocation`);
    }
    samples.push(performance.now() - started);
  }
  return samples;
}
