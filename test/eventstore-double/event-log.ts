import { compareAllPositions, type AllPosition } from './all-position';

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

/** What one append wrote; a retry of it is answered with the same position. */
interface WriteRecord {
  position: AllPosition;
  firstRevision: bigint;
  lastRevision: bigint;
}

export interface StoredEvent extends ProposedEvent {
  streamName: string;
  revision: bigint;
  position: AllPosition;
  /** 100 ns ticks since the Unix epoch. */
  created: bigint;
  write: WriteRecord;
}

export type ExpectedState =
  { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  | { kind: 'success'; currentRevision: bigint | null; position: AllPosition | null }
  | { kind: 'wrong_expected_version'; currentRevision: bigint | null };

/** No event sits at (0, 0), the start of `$all`: a fresh database begins with records of its own. */
const FIRST_EVENT_OFFSET = 256n;
/** Bytes a prepare record takes besides its stream name, type, data and metadata. */
const RECORD_OVERHEAD = 96n;
const TICKS_PER_MILLISECOND = 10_000n;

/**
 * The in-memory log: every event in `$all` order, and per stream in revision order.
 * Each event's commit and prepare positions are its own offset in the log, as for an
 * append that EventStoreDB commits implicitly; an append answers with its last event's
 * commit position and its first event's prepare position.
 */
export class EventLog {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextOffset = FIRST_EVENT_OFFSET;

  get events(): readonly StoredEvent[] {
    return this.log;
  }

  stream(name: string): readonly StoredEvent[] | undefined {
    return this.streams.get(name);
  }

  /** Index in `events` of the first event at or after `position` (`inclusive`), or after it. */
  indexFrom(position: AllPosition, inclusive: boolean): number {
    let [low, high] = [0, this.log.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = compareAllPositions(this.log[middle].position, position);
      if (order < 0 || (order === 0 && !inclusive)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Calls `listener` after every write; returns the function that stops it. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamName: string, proposed: readonly ProposedEvent[], expected: ExpectedState): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const last = stream.length === 0 ? null : BigInt(stream.length - 1);
    switch (expected.kind) {
      case 'revision':
        if (last === expected.revision) return this.write(streamName, stream, proposed);
        return this.retriedAt(stream, proposed, expected.revision + 1n) ?? conflict(last);
      case 'no_stream':
        if (last === null) return this.write(streamName, stream, proposed);
        return this.retriedAt(stream, proposed, 0n) ?? conflict(last);
      case 'stream_exists':
        if (last === null) return conflict(last);
        return this.retriedAnywhere(stream, proposed) ?? this.write(streamName, stream, proposed);
      case 'any':
        return this.retriedAnywhere(stream, proposed) ?? this.write(streamName, stream, proposed);
    }
  }

  private write(streamName: string, stream: StoredEvent[], proposed: readonly ProposedEvent[]): AppendOutcome {
    const firstRevision = BigInt(stream.length);
    if (proposed.length === 0) {
      return { kind: 'success', currentRevision: stream.length === 0 ? null : firstRevision - 1n, position: null };
    }
    const created = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const offsets = proposed.map((event) => {
      const offset = this.nextOffset;
      this.nextOffset += recordSize(streamName, event);
      return offset;
    });
    const write: WriteRecord = {
      position: { commit: offsets[offsets.length - 1], prepare: offsets[0] },
      firstRevision,
      lastRevision: firstRevision + BigInt(proposed.length - 1),
    };
    proposed.forEach((event, index) => {
      const stored: StoredEvent = {
        ...event,
        streamName,
        revision: firstRevision + BigInt(index),
        position: { commit: offsets[index], prepare: offsets[index] },
        created,
        write,
      };
      stream.push(stored);
      this.log.push(stored);
    });
    this.streams.set(streamName, stream);
    for (const listener of this.listeners) listener();
    return { kind: 'success', currentRevision: write.lastRevision, position: write.position };
  }

  /** The same event ids, in order, already recorded from revision `first` on: the append was retried. */
  private retriedAt(
    stream: readonly StoredEvent[],
    proposed: readonly ProposedEvent[],
    first: bigint,
  ): AppendOutcome | null {
    if (proposed.length === 0 || first > BigInt(stream.length)) return null;
    const start = Number(first);
    const recorded = stream.slice(start, start + proposed.length);
    if (recorded.length !== proposed.length || recorded.some((event, index) => event.id !== proposed[index].id)) {
      return null;
    }
    const lastEvent = recorded[recorded.length - 1];
    const sameWrite = recorded[0].write === lastEvent.write && lastEvent.write.firstRevision === recorded[0].revision;
    const whole = sameWrite && lastEvent.write.lastRevision === lastEvent.revision;
    return {
      kind: 'success',
      currentRevision: lastEvent.revision,
      position: whole ? lastEvent.write.position : lastEvent.position,
    };
  }

  /** Best effort for expectations that name no revision: the first id recorded in this stream anchors the check. */
  private retriedAnywhere(stream: readonly StoredEvent[], proposed: readonly ProposedEvent[]): AppendOutcome | null {
    if (proposed.length === 0) return null;
    const anchor = stream.findIndex((event) => event.id === proposed[0].id);
    return anchor < 0 ? null : this.retriedAt(stream, proposed, BigInt(anchor));
  }
}

function conflict(currentRevision: bigint | null): AppendOutcome {
  return { kind: 'wrong_expected_version', currentRevision };
}

function recordSize(streamName: string, event: ProposedEvent): bigint {
  const text = Buffer.byteLength(streamName) + Buffer.byteLength(event.type) + Buffer.byteLength(event.contentType);
  return RECORD_OVERHEAD + BigInt(text + event.data.length + event.customMetadata.length);
}
