/** A position in `$all`, as EventStoreDB gives it: commit, then prepare, both byte offsets in its log. */
export interface AllPosition {
  commit: bigint;
  prepare: bigint;
}

export function compareAllPositions(a: AllPosition, b: AllPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
