import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiEnv, PEPPER, startNotifier, tempDir } from '../support/bench-env';
import { samplePeakRss } from '../support/peak-rss';
import { below, fixed, mib, row, thousands, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { appendGeneratedTokens, type AppendedToken, seedTokens } from '../support/seed-log';
import { percentile, sleep } from '../support/stats';

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_DUE_IN_MS = 3_000;
const GIVE_UP_MS = 60_000;

/** The log the notifier and the rebuild scenarios share: `scaleTokens` active tokens, none due soon. */
export function scaleLog(count: number): string {
  const seeded = scaleLogs.get(count);
  if (seeded !== undefined) return seeded;
  const dir = tempDir('scale');
  seedTokens(join(dir, 'events.sqlite'), { count, pepper: PEPPER, keep: 0 });
  scaleLogs.set(count, dir);
  return dir;
}

const scaleLogs = new Map<number, string>();

/**
 * The notifier started on a log of `scaleTokens` active tokens: the time until its schedule
 * has caught up (ready), its peak RSS, then the delay from due time to the .eml in the outbox
 * for tokens made due a few seconds later.
 */
export async function notifierScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  const seeding = Date.now();
  const dir = scaleLog(sizes.scaleTokens);
  log(`  seeded ${thousands(sizes.scaleTokens)} tokens in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  const started = Date.now();
  const notifier = await startNotifier(apiEnv(dir), 600_000);
  const buildSeconds = (Date.now() - started) / 1000;
  const rss = samplePeakRss(notifier.pid);
  try {
    const delays = await dueNoticeDelays(dir, sizes.dueNotices);
    const peak = rss.stop();
    return [
      row(
        '5. notifier',
        `schedule built from ${thousands(sizes.scaleTokens)} active tokens (start → ready)`,
        `${fixed(buildSeconds)} s`,
        '< 30 s',
        below(buildSeconds, 30),
      ),
      row('5. notifier', 'peak RSS (VmHWM)', mib(peak), '< 1 GiB', below(peak, 2 ** 30)),
      row(
        '5. notifier',
        `due → .eml in the outbox (${delays.length} notices)`,
        `p50 ${fixed(percentile(delays, 50), 0)} ms, p99 ${fixed(percentile(delays, 99), 0)} ms`,
        '< 2 s',
        below(percentile(delays, 99), 2000),
      ),
    ];
  } finally {
    rss.stop();
    await notifier.stop();
  }
}

async function dueNoticeDelays(dir: string, count: number): Promise<number[]> {
  const started = Date.now();
  const tokens: AppendedToken[] = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    userId: 'due-user',
    name: `due ${index}`,
    expiresAt: new Date(started + FIRST_DUE_IN_MS + index * 50 + 7 * DAY_MS),
  }));
  await appendGeneratedTokens(join(dir, 'events.sqlite'), tokens);
  const dueAt = new Map(tokens.map((token) => [token.id, token.expiresAt.getTime() - 7 * DAY_MS]));
  const outbox = join(dir, 'outbox');
  const delays = new Map<string, number>();
  const deadline = Date.now() + FIRST_DUE_IN_MS + GIVE_UP_MS;
  while (delays.size < dueAt.size && Date.now() < deadline) {
    const now = Date.now();
    for (const name of existsSync(outbox) ? readdirSync(outbox) : []) {
      const tokenId = /^\d{8}T\d{6}Z-(.+)-7d\.eml$/.exec(name)?.[1];
      const due = tokenId === undefined ? undefined : dueAt.get(tokenId);
      if (tokenId !== undefined && due !== undefined && !delays.has(tokenId)) delays.set(tokenId, now - due);
    }
    await sleep(10);
  }
  if (delays.size < dueAt.size) throw new Error(`only ${delays.size} of ${dueAt.size} notices reached the outbox`);
  return [...delays.values()];
}
