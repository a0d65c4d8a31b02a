import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, startApi, tempDir } from '../support/bench-env';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { appendGeneratedTokens, type AppendedToken } from '../support/seed-log';
import { percentile, sleep } from '../support/stats';

const FIRST_EXPIRY_IN_MS = 3_000;
const GIVE_UP_MS = 60_000;

interface AuditItem {
  tokenId: string;
  occurredAt: string;
}

/**
 * The API runs on the embedded default with its default sweep interval; tokens written to its
 * log expire a few seconds later: the delay from each token's expiresAt until its TokenExpired
 * is recorded (the event's own time, from the audit log).
 */
export async function expiryScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  const dir = tempDir('expiry');
  const api = await startApi(apiEnv(dir), 120_000);
  try {
    const started = Date.now();
    const tokens: AppendedToken[] = Array.from({ length: sizes.expiringTokens }, (_, index) => ({
      id: randomUUID(),
      userId: 'expiry-user',
      name: `expiring ${index}`,
      expiresAt: new Date(started + FIRST_EXPIRY_IN_MS + index * 50),
    }));
    await appendGeneratedTokens(join(dir, 'events.sqlite'), tokens);
    const expiresAt = new Map(tokens.map((token) => [token.id, token.expiresAt.getTime()]));
    const recorded = await recordedExpiries(api.url, expiresAt.size);
    const samples = [...recorded].map(([tokenId, at]) => at - (expiresAt.get(tokenId) ?? Number.NaN));
    log(`  ${samples.length} tokens, max ${fixed(Math.max(...samples) / 1000)} s`);
    return [
      row(
        '8. expiry',
        `embedded: expiresAt → TokenExpired recorded (${samples.length} tokens)`,
        `p50 ${fixed(percentile(samples, 50) / 1000)} s, p99 ${fixed(percentile(samples, 99) / 1000)} s`,
        '< 15 s',
        below(percentile(samples, 99), 15_000),
      ),
    ];
  } finally {
    await api.stop();
  }
}

/** When each TokenExpired was recorded, by token id, once there are `count` of them. */
async function recordedExpiries(url: string, count: number): Promise<Map<string, number>> {
  const admin = await signUserJwt(JWT_SECRET, { sub: 'bench-admin', roles: ['admin'] });
  const deadline = Date.now() + FIRST_EXPIRY_IN_MS + GIVE_UP_MS;
  for (;;) {
    const response = await fetch(`${url}/api/v1/audit/events?type=TokenExpired&limit=500`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const { items } = (await response.json()) as { items: AuditItem[] };
    if (items.length >= count) return new Map(items.map((item) => [item.tokenId, Date.parse(item.occurredAt)]));
    if (Date.now() > deadline) throw new Error(`only ${items.length} of ${count} tokens recorded as expired`);
    await sleep(200);
  }
}
