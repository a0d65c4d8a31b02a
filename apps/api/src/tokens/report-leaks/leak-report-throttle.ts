import type { Clock } from '@pat/domain';
import { MAX_TRACKED_CLIENTS, RefusalThrottle } from '../../auth/refusal-throttle';

/** Reports accepted per client address and minute; each holds at most MAX_REPORTED_TOKENS. */
export const LEAK_REPORTS_PER_MINUTE = 10;

/** Counts every leak report (not only refused ones) per client address: a fixed window of a minute. */
export class LeakReportThrottle extends RefusalThrottle {
  constructor(clock: Clock) {
    super({ limit: LEAK_REPORTS_PER_MINUTE, windowMs: 60_000, maxAddresses: MAX_TRACKED_CLIENTS }, clock);
  }
}
