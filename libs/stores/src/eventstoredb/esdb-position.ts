import type { Position } from '@eventstore/db-client';
import type { LogPosition } from '@pat/domain';

/** `<commit>/<prepare>`, each an unsigned 64-bit integer in decimal. */
export const ESDB_POSITION_PATTERN = '^(\\d{1,20})/(\\d{1,20})$';
const ENCODED = new RegExp(ESDB_POSITION_PATTERN);

/** `<commit>/<prepare>` in decimal: both are unsigned 64-bit integers, beyond a JavaScript number. */
export function encodePosition(position: Position): LogPosition {
  return `${position.commit}/${position.prepare}`;
}

export function decodePosition(encoded: LogPosition): Position {
  const match = ENCODED.exec(encoded);
  if (match === null) throw new TypeError(`Not an EventStoreDB log position: "${encoded}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** `$all` order: by commit position, then by prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
