/**
 * How long a test waits for an outcome (an event delivered, a mail written, a process ready)
 * before it fails. It bounds the wait and decides nothing else: it is far above what the
 * outcome takes, so that a machine shared with other work does not fail a test, and no test
 * asserts how fast an outcome came. Latency figures are `npm run bench`'s (BENCHMARKS.md).
 */
export const OUTCOME_DEADLINE_MS = 15_000;

/** Polls `probe` until it returns true; throws once `timeoutMs` have passed without. */
export async function eventually(
  probe: () => Promise<boolean>,
  timeoutMs = OUTCOME_DEADLINE_MS,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
