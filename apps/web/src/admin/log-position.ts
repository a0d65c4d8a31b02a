/** Orders log positions: digits on the embedded log, `commit/prepare` on EventStoreDB. */
export function comparePositions(a: string, b: string): number {
  const left = a.split('/').map(BigInt);
  const right = b.split('/').map(BigInt);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0n) - (right[i] ?? 0n);
    if (difference !== 0n) return difference > 0n ? 1 : -1;
  }
  return 0;
}
