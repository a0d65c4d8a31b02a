import type { EventStore } from '@pat/domain';

/** Whether a client-supplied cursor is a position of the configured store (each store has its own shape). */
export function isLogPosition(store: EventStore, candidate: string): boolean {
  return new RegExp(store.positionPattern).test(candidate);
}

/** Last-Event-ID as EventSource sends it, blank meaning none: the document's pattern for it. */
export function lastEventIdPattern(positionPattern: string): string {
  return `^\\s*(?:${positionPattern.replace(/^\^|\$$/g, '')})?\\s*$`;
}
