/**
 * Answers remembered for at most `ttlMs` (0: none), and never past `until` of an entry; the
 * oldest entry gives way once `maxEntries` are held.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until > nowMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, nowMs: number, until = Number.POSITIVE_INFINITY): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until: Math.min(nowMs + this.ttlMs, until) });
  }

  clear(): void {
    this.entries.clear();
  }
}
