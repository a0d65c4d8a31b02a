import { randomUUID } from 'node:crypto';
import {
  TOKEN_EVENT_SCHEMA_VERSION,
  TOKEN_GENERATED_SCHEMA_VERSION,
  tokenStreamName,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
  type TokenEvent,
} from '@pat/domain';

export const NOW = new Date('2031-06-15T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

/** Far beyond 2^53, so a position read back through a JavaScript number would come back changed. */
const FIRST_POSITION = 2n ** 64n;

export interface GenerateSpec {
  userId?: string;
  ownerEmail?: string | null;
  digest?: string;
  createdAt?: Date;
  expiresAt?: Date | null;
  scopes?: string[];
  maxRequestsPerSecond?: number | null;
}

/**
 * A global log of recorded events, built in memory: every token event lands in `pat-<id>`
 * with the next stream revision and the next (opaque, string) log position.
 */
export class TokenHistory {
  readonly events: RecordedEvent[] = [];
  private next = FIRST_POSITION;

  token(): HistoryToken {
    return new HistoryToken(this);
  }

  /** An event of another kind, in a stream of its own; read models skip it. */
  other(): RecordedEvent {
    return this.record(`other-${randomUUID()}`, 0, 'SomethingElse', { tokenId: 'not-a-token' });
  }

  get lastPosition(): LogPosition | null {
    return this.events.at(-1)?.position ?? null;
  }

  record(streamId: string, revision: number, type: string, data: Record<string, unknown>): RecordedEvent {
    const event: RecordedEvent = {
      id: randomUUID(),
      streamId,
      revision,
      position: (this.next++).toString(),
      type,
      data,
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'user:test' },
      recordedAt: NOW,
    };
    this.events.push(event);
    return event;
  }
}

export class HistoryToken {
  readonly id = randomUUID();
  digest = `digest-${randomUUID()}`;
  private revision = -1;

  constructor(private readonly history: TokenHistory) {}

  generate(spec: GenerateSpec = {}): RecordedEvent {
    if (spec.digest !== undefined) this.digest = spec.digest;
    return this.append({
      type: 'TokenGenerated',
      data: {
        schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
        tokenId: this.id,
        userId: spec.userId ?? 'alice',
        ownerEmail: spec.ownerEmail === undefined ? 'owner@example.com' : spec.ownerEmail,
        name: `token ${this.id.slice(0, 8)}`,
        tokenDigest: this.digest,
        tokenHint: 'pat_ABCD…WXYZ',
        generatedAt: (spec.createdAt ?? at(-DAY)).toISOString(),
        expiresAt: spec.expiresAt === undefined || spec.expiresAt === null ? null : spec.expiresAt.toISOString(),
        scopes: spec.scopes ?? ['api', 'read_api'],
        maxRequestsPerSecond: spec.maxRequestsPerSecond ?? null,
      },
    });
  }

  revoke(revokedAt = at(-HOUR)): RecordedEvent {
    return this.append({
      type: 'TokenRevoked',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        revokedAt: revokedAt.toISOString(),
        revokedBy: 'user:admin',
        reason: 'leaked',
      },
    });
  }

  suspend(suspendedAt = at(-HOUR)): RecordedEvent {
    return this.append({
      type: 'TokenSuspended',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        suspendedBy: 'user:admin',
        suspendedAt: suspendedAt.toISOString(),
        reason: null,
      },
    });
  }

  reactivate(reactivatedAt = at(-HOUR)): RecordedEvent {
    return this.append({
      type: 'TokenReactivated',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        reactivatedBy: 'user:admin',
        reactivatedAt: reactivatedAt.toISOString(),
        reason: null,
      },
    });
  }

  rotate(successorId: string, rotatedAt = at(-HOUR), graceUntil = rotatedAt): RecordedEvent {
    return this.append({
      type: 'TokenRotated',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        successorId,
        graceUntil: graceUntil.toISOString(),
        rotatedBy: 'alice',
        rotatedAt: rotatedAt.toISOString(),
      },
    });
  }

  expire(expiredAt = at(-HOUR)): RecordedEvent {
    return this.append({
      type: 'TokenExpired',
      data: { schemaVersion: TOKEN_EVENT_SCHEMA_VERSION, tokenId: this.id, expiredAt: expiredAt.toISOString() },
    });
  }

  /** Ended by a lowered lifetime policy, before its expiry. */
  expireByPolicy(expiredAt = at(-HOUR), maxLifetimeDays = 7): RecordedEvent {
    return this.append({
      type: 'TokenExpired',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        expiredAt: expiredAt.toISOString(),
        reason: 'lifetime_policy',
        maxLifetimeDays,
      },
    });
  }

  limit(maxRequestsPerSecond: number | null, previous: number | null, changedAt = at(-HOUR)): RecordedEvent {
    return this.append({
      type: 'TokenRateLimitChanged',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        maxRequestsPerSecond,
        previous,
        changedBy: 'alice',
        changedAt: changedAt.toISOString(),
      },
    });
  }

  noticeSent(thresholdDays: number, sentAt = NOW): RecordedEvent {
    return this.append({
      type: 'ExpiryNoticeSent',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId: this.id,
        thresholdDays,
        channel: 'email',
        sentAt: sentAt.toISOString(),
      },
    });
  }

  private append(event: TokenEvent): RecordedEvent {
    this.revision += 1;
    return this.history.record(tokenStreamName(this.id), this.revision, event.type, { ...event.data });
  }
}

/** Writes the history's events to a real event store, in order, with the right expectations. */
export async function appendHistory(store: EventStore, events: readonly RecordedEvent[]): Promise<LogPosition> {
  let last: LogPosition | null = null;
  for (const event of events) {
    const expected = event.revision === 0 ? 'no_stream' : event.revision - 1;
    const toAppend = { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
    last = (await store.append(event.streamId, [toAppend], expected)).position;
  }
  if (last === null) throw new Error('appendHistory: no events');
  return last;
}
