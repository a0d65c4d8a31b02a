import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { fromResolvedEvent } from './esdb-event-codec';
import { comparePositions } from './esdb-position';

/** Up to `count` events of `$all` before `before` (null: from the end), newest first. */
export type ReadBackwards = (before: Position | null, count: number) => Promise<AllStreamResolvedEvent[]>;

interface Scanned {
  /** The newest event of `$all` the scan saw. */
  end: Position;
  /** The newest event at or before `end` that a subscription with the prefix delivers. */
  head: Position | null;
}

/** The common case, the last event being one of ours, costs a read of one event. */
const FIRST_PAGE = 1;
const PAGE = 64;

/**
 * Finds the last event of `$all` that a subscription with a stream prefix delivers. `$all`
 * also carries the server's own events and other applications', so the scan reads back from
 * the end until one is ours; it stops at the end seen by the previous scan of the prefix, so
 * that each scan costs only what was appended since.
 */
export class HeadScanner {
  private readonly scanned = new Map<string, Scanned>();

  constructor(private readonly readBackwards: ReadBackwards) {}

  async head(prefix: string): Promise<Position | null> {
    const known = this.scanned.get(prefix);
    let before: Position | null = null;
    let end: Position | null = null;
    for (let count = FIRST_PAGE; ; count = PAGE) {
      const page = await this.readBackwards(before, count);
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (position === undefined) throw new Error('An event of $all came without its log position');
        end ??= position;
        if (known !== undefined && comparePositions(position, known.end) <= 0) {
          return this.remember(prefix, end, known.head);
        }
        if (delivered(resolved, prefix)) return this.remember(prefix, end, position);
        before = position;
      }
      if (page.length < count) return end === null ? null : this.remember(prefix, end, null);
    }
  }

  private remember(prefix: string, end: Position, head: Position | null): Position | null {
    this.scanned.set(prefix, { end, head });
    return head;
  }
}

/** What `EsdbCatchUpSubscription` hands on: an event of the prefix's streams that the port can read. */
function delivered(resolved: AllStreamResolvedEvent, prefix: string): boolean {
  return resolved.event?.streamId.startsWith(prefix) === true && fromResolvedEvent(resolved) !== null;
}
