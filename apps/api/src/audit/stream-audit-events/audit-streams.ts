import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import {
  EVENT_STORE,
  TOKEN_READ_MODEL,
  type Clock,
  type EventStore,
  type LogPosition,
  type TokenReadModel,
} from '@pat/domain';
import type { ServerResponse } from 'node:http';
import type { UserPrincipal } from '../../auth/principals';
import { credentialRefusedFrom } from '../../auth/user-jwt.verifier';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import type { AuditEventFilter } from '../audit-event-filter';
import { AuditEventMatcher } from '../audit-event-matcher';
import { TokenOwners } from '../token-owners';
import { AuditEventStream, type AuditEventStreamOptions } from './audit-event-stream';

/**
 * The open audit streams of this process. Each ends when its client leaves, when the app stops,
 * when the admin's JWT stops being accepted (as REST would then refuse it), or once it is
 * `AUDIT_STREAM_MAX_SECONDS` old, whichever comes first.
 */
@Injectable()
export class AuditStreams implements OnModuleDestroy {
  private readonly logger = new Logger(AuditStreams.name);
  private readonly open = new Set<AuditEventStream>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  follow(response: ServerResponse, admin: UserPrincipal, after: LogPosition | null, filter: AuditEventFilter): void {
    const matcher = new AuditEventMatcher(filter, new TokenOwners(this.readModel, this.store));
    const stream = new AuditEventStream(this.store, response, matcher, {
      after,
      heartbeatMs: this.config.auditStreamHeartbeatMs,
      end: this.endOf(admin),
      onError: (error) => this.logger.warn(`Audit stream interrupted, resuming: ${String(error)}`),
    });
    this.open.add(stream);
    response.once('close', () => {
      this.open.delete(stream);
      void stream.close();
    });
  }

  private endOf(admin: UserPrincipal): AuditEventStreamOptions['end'] {
    const now = this.clock.now().getTime();
    const untilRefused = credentialRefusedFrom(admin).getTime() - now;
    const lifetime = this.config.auditStreamMaxSeconds * 1000;
    return untilRefused <= lifetime
      ? { inMs: Math.max(0, untilRefused), reason: 'credential_expired' }
      : { inMs: lifetime, reason: 'max_lifetime' };
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.open].map((stream) => stream.close()));
    this.open.clear();
  }
}
