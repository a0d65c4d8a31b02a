import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, logOfOwnedTokens, startApi } from '../support/bench-env';
import type { Child } from '../support/child-process';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import type { SeededToken } from '../support/seed-log';
import { percentile } from '../support/stats';

const OWNER = 'bench-owner';
const GIVE_UP_MS = 5_000;

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
      const samples = await revokeAll(tokens, a, b, await signUserJwt(JWT_SECRET, { sub: OWNER }));
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
    } finally {
      await Promise.all(children.map((child) => child.stop()));
    }
  }
  return rows;
}

async function revokeAll(tokens: SeededToken[], a: Child, b: Child, jwt: string): Promise<number[]> {
  const whoami = async (token: string): Promise<number> =>
    (await fetch(`${b.url}/api/v1/whoami`, { headers: { 'X-API-Token': token } })).status;
  const samples: number[] = [];
  for (const token of tokens) {
    if ((await whoami(token.token)) !== 200) throw new Error(`B refuses ${token.id} before its revocation`);
    const started = performance.now();
    const revoked = await fetch(`${a.url}/api/v1/tokens/${token.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${jwt}` },
    });
    if (revoked.status !== 204) throw new Error(`revoke answered ${revoked.status}`);
    while ((await whoami(token.token)) === 200) {
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(`B still accepts ${token.id} after ${GIVE_UP_MS} ms`);
    }
    samples.push(performance.now() - started);
  }
  return samples;
}
