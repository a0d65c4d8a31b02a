import { Inject, Injectable } from '@nestjs/common';
import { TOKEN_READ_MODEL, TOKEN_STATUSES, type Clock, type TokenReadModel } from '@pat/domain';
import { Gauge, Registry } from 'prom-client';
import { CLOCK } from '../infrastructure/clock.provider';

/** `pat_tokens{status}`: the read model's tokens by effective status, counted at scrape time. */
@Injectable()
export class TokenStatusMetrics {
  constructor(registry: Registry, @Inject(TOKEN_READ_MODEL) readModel: TokenReadModel, @Inject(CLOCK) clock: Clock) {
    new Gauge({
      name: 'pat_tokens',
      help: 'Tokens by effective status (a token past its expiresAt counts as expired)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        try {
          const counts = await readModel.countByStatus(clock.now());
          for (const status of TOKEN_STATUSES) this.set({ status }, counts[status]);
        } catch {
          // The read model is down (/health/ready says so); the other metrics are still served.
          this.reset();
        }
      },
    });
  }
}
