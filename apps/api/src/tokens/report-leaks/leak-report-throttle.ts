import type { Clock } from '@pat/domain';
import { MAX_TRACKED_CLIENTS, ClientWindowCounter } from '../../auth/client-window-counter';

/** Reports accepted per client address and minute; each holds at most MAX_REPORTED_TOKENS. */
export const LEAK_REPORTS_PER_MINUTE = 10;

/** Counts every leak report (not only refused ones) per client address: a fixed window of a minute. */
export class LeakReportThrottle extends ClientWindowCounter {
  constructor(clock: Clock) {
    super({ limit: LEAK_REPORTS_PER_MINUTE, windowMs: 60_000, maxAddresses: MAX_TRACKED_CLIENTS }, clock);
  }
}
