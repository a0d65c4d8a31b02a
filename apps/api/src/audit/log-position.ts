import type { EventStore } from '@pat/domain';

/** A position of either store, as the API hands them out: the embedded log's number, EventStoreDB's `commit/prepare`. */
const POSITION = '\\d{1,20}(/\\d{1,20})?';
export const LOG_POSITION_PATTERN = `^${POSITION}$`;
/** Last-Event-ID as EventSource sends it; blank means none. */
export const LAST_EVENT_ID_PATTERN = `^\\s*(${POSITION})?\\s*$`;
const LOG_POSITION = new RegExp(LOG_POSITION_PATTERN);

/** Whether a client-supplied cursor is a position of the configured store (each store has its own shape). */
export function isLogPosition(store: EventStore, candidate: string): boolean {
  if (!LOG_POSITION.test(candidate)) return false;
  try {
    return store.comparePositions(candidate, candidate) === 0;
  } catch {
    return false;
  }
}
