import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventLog, StoredEvent } from './event-log';
import { eventMessage, streamNotFoundMessage } from './read-messages';
import type { AllStart, ReadRequest, StreamStart } from './read-request';

/** The answer to a read that is not a subscription: its events, or "stream not found". */
export function oneShotRead(log: EventLog, request: ReadRequest): ReadResp[] {
  const { target } = request;
  const count = request.count ?? 0n;
  if (target.kind === 'stream') {
    const stream = log.stream(target.streamName);
    if (stream === undefined) return [streamNotFoundMessage(target.streamName)];
    return take(streamEvents(stream, target.from, request.backwards), count, null).map((event) => eventMessage(event));
  }
  const accepts = request.filter?.accepts ?? null;
  return take(allEvents(log, target.from, request.backwards), count, accepts).map((event) => eventMessage(event));
}

/** Revisions are inclusive in both directions. */
function* streamEvents(stream: readonly StoredEvent[], from: StreamStart, backwards: boolean): Iterable<StoredEvent> {
  const last = stream.length - 1;
  if (backwards) {
    const first = from.kind === 'start' ? 0 : from.kind === 'end' ? last : Math.min(Number(from.revision), last);
    for (let index = first; index >= 0; index--) yield stream[index];
    return;
  }
  const first = from.kind === 'start' ? 0 : from.kind === 'end' ? stream.length : Number(from.revision);
  for (let index = first; index <= last; index++) yield stream[index];
}

/** A position is a boundary in the log: forwards includes the event at it, backwards starts before it. */
function* allEvents(log: EventLog, from: AllStart, backwards: boolean): Iterable<StoredEvent> {
  const events = log.events;
  if (backwards) {
    const end = from.kind === 'start' ? 0 : from.kind === 'end' ? events.length : log.indexFrom(from.position, true);
    for (let index = end - 1; index >= 0; index--) yield events[index];
    return;
  }
  const first = from.kind === 'start' ? 0 : from.kind === 'end' ? events.length : log.indexFrom(from.position, true);
  for (let index = first; index < events.length; index++) yield events[index];
}

function take(
  events: Iterable<StoredEvent>,
  count: bigint,
  accepts: ((event: StoredEvent) => boolean) | null,
): StoredEvent[] {
  const taken: StoredEvent[] = [];
  if (count <= 0n) return taken;
  for (const event of events) {
    if (accepts !== null && !accepts(event)) continue;
    taken.push(event);
    if (BigInt(taken.length) >= count) break;
  }
  return taken;
}
