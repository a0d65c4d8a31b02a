import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** Outcomes of X-API-Token checks, by code; children are bound once, off the hot path. */
@Injectable()
export class AuthMetrics {
  private readonly counter: Counter<'outcome'>;
  private readonly ok: Counter.Internal;
  private readonly throttledChild: Counter.Internal;
  private readonly byRefusal = new Map<string, Counter.Internal>();

  constructor(registry: Registry) {
    this.counter = new Counter({
      name: 'pat_auth_checks_total',
      help: 'X-API-Token checks by outcome (authenticated or the refusal code); throttled: refusals answered too_many_requests',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.ok = this.counter.labels('authenticated');
    this.throttledChild = this.counter.labels('throttled');
  }

  authenticated(): void {
    this.ok.inc();
  }

  throttled(): void {
    this.throttledChild.inc();
  }

  refused(code: string): void {
    let child = this.byRefusal.get(code);
    if (!child) this.byRefusal.set(code, (child = this.counter.labels(code)));
    child.inc();
  }
}
