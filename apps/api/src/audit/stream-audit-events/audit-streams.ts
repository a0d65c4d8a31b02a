import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import { EVENT_STORE, TOKEN_READ_MODEL, type EventStore, type LogPosition, type TokenReadModel } from '@pat/domain';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import type { AuditEventFilter } from '../audit-event-filter';
import { AuditEventMatcher } from '../audit-event-matcher';
import { TokenOwners } from '../token-owners';
import { AuditEventStream } from './audit-event-stream';

/** The open audit streams of this process; each ends when its client leaves or the app stops. */
@Injectable()
export class AuditStreams implements OnModuleDestroy {
  private readonly logger = new Logger(AuditStreams.name);
  private readonly open = new Set<AuditEventStream>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  follow(response: ServerResponse, after: LogPosition | null, filter: AuditEventFilter): void {
    const matcher = new AuditEventMatcher(filter, new TokenOwners(this.readModel, this.store));
    const stream = new AuditEventStream(this.store, response, matcher, {
      after,
      heartbeatMs: this.config.auditStreamHeartbeatMs,
      onError: (error) => this.logger.warn(`Audit stream interrupted, resuming: ${String(error)}`),
    });
    this.open.add(stream);
    response.once('close', () => {
      this.open.delete(stream);
      void stream.close();
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.open].map((stream) => stream.close()));
    this.open.clear();
  }
}
