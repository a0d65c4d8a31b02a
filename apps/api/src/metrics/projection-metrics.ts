import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@pat/domain';
import { Gauge, Histogram, Registry } from 'prom-client';

const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * How far this process's read model trails the log: the time from an event being recorded
 * to it being applied, and the age of the last event applied. Both use the wall clock, as
 * the stores stamp `recordedAt` with it.
 */
@Injectable()
export class ProjectionMetrics {
  private readonly lag: Histogram;
  private readonly last: { recordedAtMs: number | null } = { recordedAtMs: null };
  private readonly freshness: { current: (() => boolean) | null } = { current: null };

  constructor(registry: Registry) {
    this.lag = new Histogram({
      name: 'pat_projection_lag_seconds',
      help: 'From an event being recorded in the log to its being applied to the read model of this process (events followed live, not the replay at start)',
      buckets: BUCKETS_SECONDS,
      registers: [registry],
    });
    const last = this.last;
    new Gauge({
      name: 'pat_projection_last_applied_event_age_seconds',
      help: 'Age of the last event applied to the read model of this process; it grows while the log is quiet',
      registers: [registry],
      collect() {
        if (last.recordedAtMs !== null) this.set(Math.max(0, (Date.now() - last.recordedAtMs) / 1000));
      },
    });
    const freshness = this.freshness;
    new Gauge({
      name: 'pat_read_model_current',
      help: 'Whether the read model of this process is known to have applied every event recorded up to READ_MODEL_MAX_LAG_MS ago (1), or token checks do not trust it (0)',
      registers: [registry],
      collect() {
        if (freshness.current !== null) this.set(freshness.current() ? 1 : 0);
      },
    });
  }

  /** `current` tells, at each scrape, whether the read model is known to be current. */
  currentWhile(current: () => boolean): void {
    this.freshness.current = current;
  }

  /** `live`: applied while following the log, rather than while catching up at start. */
  applied(event: RecordedEvent, live: boolean): void {
    const recordedAtMs = event.recordedAt.getTime();
    this.last.recordedAtMs = recordedAtMs;
    if (live) this.lag.observe(Math.max(0, (Date.now() - recordedAtMs) / 1000));
  }
}
