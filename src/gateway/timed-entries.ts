/**
 * What the gateway's caches of public registry data keep (public-cache.ts, entity-cache.ts): values for `ttlMs`, at
 * most `maxEntries` (insertion order is age order: expired entries leave first, then the oldest when full), and a
 * generation that `clear` moves on. A value read before a clear (a mutation through the gateway) and stored after it
 * would outlive the write it predates: `set` takes the generation that was current when the value was asked for, and
 * keeps nothing from an earlier one.
 */
export class TimedEntries<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private generationNow = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The generation to hand to `set`: take it before asking for the value to be stored. */
  get generation(): number {
    return this.generationNow;
  }

  /** The value kept under `key`, if it is younger than the TTL. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  /** Keeps `value` under `key`, unless the entries were cleared since `generation` (or nothing is ever kept: TTL 0). */
  set(key: string, value: V, generation: number): void {
    if (generation !== this.generationNow || this.ttlMs <= 0) return;
    const now = this.now();
    for (const [old, entry] of this.entries) {
      if (now - entry.at < this.ttlMs && this.entries.size < this.maxEntries) break;
      this.entries.delete(old);
    }
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
  }

  clear(): void {
    this.generationNow++;
    this.entries.clear();
  }
}
