import { jsonEvent, type AllStreamResolvedEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, RecordedEvent } from '@pat/domain';
import { encodePosition } from './esdb-position';

/** JSON data and metadata under the caller's event id, so that a retried append is recognised. */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/**
 * The port's view of a recorded event, or null for what was not written through the port:
 * the server's own events (a `$` stream or type), links whose event is gone, and events
 * without JSON object data and metadata (another application's).
 */
export function fromResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (event === undefined || isSystemEvent(event.streamId, event.type)) return null;
  if (!event.isJson || !isRecord(event.data) || !isRecord(event.metadata)) return null;
  if (event.position === undefined) {
    throw new Error(`Event ${event.id} in ${event.streamId} came without its log position (server older than 22.6?)`);
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
    recordedAt: event.created,
  };
}

export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
