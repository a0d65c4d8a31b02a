import { SseClient } from '../../test/support/sse-client';
import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, logOfOwnedTokens, startApi } from '../support/bench-env';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { percentile } from '../support/stats';

const OWNER = 'bench-owner';
const GIVE_UP_MS = 5_000;

/**
 * An admin follows `GET /api/v1/audit/stream?type=TokenRevoked` on the embedded default; the
 * owner revokes tokens one by one: the time from the DELETE being sent until its TokenRevoked
 * item has arrived on the stream.
 */
export async function auditStreamScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  const { dir, tokens } = logOfOwnedTokens('audit-stream', OWNER, sizes.propagationSamples);
  const api = await startApi(apiEnv(dir), 120_000);
  const [owner, admin] = await Promise.all([
    signUserJwt(JWT_SECRET, { sub: OWNER }),
    signUserJwt(JWT_SECRET, { sub: 'bench-admin', roles: ['admin'] }),
  ]);
  const stream = await SseClient.connect(`${api.url}/api/v1/audit/stream?type=TokenRevoked`, {
    authorization: `Bearer ${admin}`,
  });
  const samples: number[] = [];
  try {
    for (const [index, token] of tokens.entries()) {
      const started = performance.now();
      const revoked = await fetch(`${api.url}/api/v1/tokens/${token.id}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${owner}` },
      });
      if (revoked.status !== 204) throw new Error(`revoke answered ${revoked.status}`);
      const [item] = (await stream.waitForMessages(index + 1, GIVE_UP_MS)).slice(index);
      samples.push(performance.now() - started);
      if (!item.data.includes(token.id)) throw new Error(`the stream sent ${item.data}, not ${token.id}'s revocation`);
    }
  } finally {
    await stream.close();
    await api.stop();
  }
  log(`  embedded: ${samples.length} revocations, max ${fixed(Math.max(...samples))} ms`);
  return [
    row(
      '7. audit stream',
      `embedded: revoke → TokenRevoked on a connected stream (${samples.length} tokens)`,
      `p50 ${fixed(percentile(samples, 50))} ms, p99 ${fixed(percentile(samples, 99))} ms`,
      'p99 < 100 ms',
      below(percentile(samples, 99), 100),
    ),
  ];
}
