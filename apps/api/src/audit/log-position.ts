import type { EventStore } from '@pat/domain';

/** Whether a client-supplied cursor is a position of the configured store (each store has its own shape). */
export function isLogPosition(store: EventStore, candidate: string): boolean {
  try {
    return store.comparePositions(candidate, candidate) === 0;
  } catch {
    return false;
  }
}
