import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Holders started in this process and not yet retired (tests run several notifiers in one process). */
const runningHere = new Set<string>();

/** This notifier as a holder of delivery leases: `<host>/<pid>/<nonce>`, unique per start. */
export function newLeaseHolder(): string {
  const holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  runningHere.add(holder);
  return holder;
}

/** The holder has stopped: what it still holds may be taken over at once. */
export function retireLeaseHolder(holder: string): void {
  runningHere.delete(holder);
}

/**
 * Whether `holder` is a notifier of this host that no longer runs: one of this process that
 * was retired or came from an earlier start under the same pid (a restarted container's pid 1),
 * or one whose process is gone. Holders of other hosts are never judged; their leases run out.
 */
export function isGoneFromThisHost(holder: string): boolean {
  const parts = holder.split('/');
  if (parts.length !== 3) return false;
  const [host, pidText] = parts;
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !runningHere.has(holder);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
