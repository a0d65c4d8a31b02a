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

export interface TokenSpec {
  generatedAt: Date;
  expiresAt: Date | null;
  ownerEmail?: string | null;
  name?: string;
  userId?: string;
}

/**
 * A log of token events built in memory, for the notifier's stores and services: each event
 * lands in `pat-<id>` with the next revision of its stream and the next log position (a
 * decimal string; `comparePositions` orders them).
 */
export class NoticeLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  static comparePositions(a: LogPosition, b: LogPosition): number {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }

  generated(spec: TokenSpec, tokenId: string = randomUUID()): RecordedEvent {
    return this.record({
      type: 'TokenGenerated',
      data: {
        schemaVersion: TOKEN_GENERATED_SCHEMA_VERSION,
        tokenId,
        userId: spec.userId ?? 'alice',
        ownerEmail: spec.ownerEmail === undefined ? 'alice@example.com' : spec.ownerEmail,
        name: spec.name ?? 'CI deploy',
        tokenDigest: `digest-${tokenId}`,
        tokenHint: 'pat_AbCd…wXyZ',
        generatedAt: spec.generatedAt.toISOString(),
        expiresAt: spec.expiresAt?.toISOString() ?? null,
        scopes: ['api', 'read_api'],
        maxRequestsPerSecond: null,
      },
    });
  }

  /** A token generated at `generatedAt` that lives `lifetimeMs`. */
  living(generatedAt: Date, lifetimeMs: number, spec: Partial<TokenSpec> = {}): RecordedEvent {
    return this.generated({ ...spec, generatedAt, expiresAt: new Date(generatedAt.getTime() + lifetimeMs) });
  }

  noticeSent(tokenId: string, thresholdDays: number, sentAt: Date, channel = 'outbox'): RecordedEvent {
    return this.record({
      type: 'ExpiryNoticeSent',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId,
        thresholdDays,
        channel,
        sentAt: sentAt.toISOString(),
      },
    });
  }

  /** Revoked by its owner, or, with a `reason` such as `leaked`, by the service. */
  revoked(tokenId: string, revokedAt: Date, reason: string | null = null): RecordedEvent {
    return this.record({
      type: 'TokenRevoked',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId,
        revokedAt: revokedAt.toISOString(),
        revokedBy: reason === null ? 'alice' : 'system:test',
        reason,
      },
    });
  }

  suspended(tokenId: string, suspendedAt: Date): RecordedEvent {
    return this.record({
      type: 'TokenSuspended',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId,
        suspendedBy: 'alice',
        suspendedAt: suspendedAt.toISOString(),
        reason: null,
      },
    });
  }

  reactivated(tokenId: string, reactivatedAt: Date): RecordedEvent {
    return this.record({
      type: 'TokenReactivated',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId,
        reactivatedBy: 'alice',
        reactivatedAt: reactivatedAt.toISOString(),
        reason: null,
      },
    });
  }

  expired(tokenId: string, expiredAt: Date): RecordedEvent {
    return this.record({
      type: 'TokenExpired',
      data: { schemaVersion: TOKEN_EVENT_SCHEMA_VERSION, tokenId, expiredAt: expiredAt.toISOString() },
    });
  }

  leakReported(tokenId: string, reportedAt: Date): RecordedEvent {
    return this.record({
      type: 'TokenLeakReported',
      data: { schemaVersion: TOKEN_EVENT_SCHEMA_VERSION, tokenId, reportedAt: reportedAt.toISOString() },
    });
  }

  revocationNoticeSent(tokenId: string, sentAt: Date, channel = 'outbox'): RecordedEvent {
    return this.record({
      type: 'RevocationNoticeSent',
      data: {
        schemaVersion: TOKEN_EVENT_SCHEMA_VERSION,
        tokenId,
        cause: 'leaked',
        channel,
        sentAt: sentAt.toISOString(),
      },
    });
  }

  /** An event of another kind in a stream of its own. */
  other(): RecordedEvent {
    return this.push(`other-${randomUUID()}`, 'SomethingElse', { note: 'not a token event' });
  }

  private record(event: TokenEvent): RecordedEvent {
    return this.push(tokenStreamName(event.data.tokenId), event.type, { ...event.data });
  }

  private push(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const event: RecordedEvent = {
      id: randomUUID(),
      streamId,
      revision,
      position: String(this.events.length + 1),
      type,
      data,
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'test' },
      recordedAt: new Date(),
    };
    this.events.push(event);
    return event;
  }
}

/** Appends recorded events to a real event store, in order, with their stream revisions as expectations. */
export async function appendToStore(store: EventStore, events: readonly RecordedEvent[]): Promise<LogPosition> {
  let position: LogPosition = '';
  for (const event of events) {
    const expected = event.revision === 0 ? 'no_stream' : event.revision - 1;
    const appended = await store.append(
      event.streamId,
      [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }],
      expected,
    );
    position = appended.position;
  }
  return position;
}
