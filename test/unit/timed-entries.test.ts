/** What the gateway's caches of public registry data keep (src/gateway/timed-entries.ts): age, size, and clears. */
import { describe, expect, it } from 'vitest';
import { TimedEntries } from '../../src/gateway/timed-entries.js';

describe('TimedEntries', () => {
  it('gives a value back while it is younger than the TTL', () => {
    let now = 0;
    const entries = new TimedEntries<string>(1000, 10, () => now);
    entries.set('a', 'A', entries.generation);
    now = 999;
    expect(entries.get('a')).toBe('A');
    now = 1000;
    expect(entries.get('a')).toBeUndefined();
  });

  it('makes room by dropping the expired first, then the oldest', () => {
    let now = 0;
    const entries = new TimedEntries<number>(1000, 2, () => now);
    entries.set('a', 1, entries.generation);
    now = 10;
    entries.set('b', 2, entries.generation);
    entries.set('c', 3, entries.generation);
    expect([entries.get('a'), entries.get('b'), entries.get('c')]).toEqual([undefined, 2, 3]);
    entries.set('b', 4, entries.generation); // set again: now the youngest
    entries.set('d', 5, entries.generation);
    expect([entries.get('b'), entries.get('c'), entries.get('d')]).toEqual([4, undefined, 5]);
  });

  it('keeps nothing asked for before a clear, and nothing at all with a TTL of 0', () => {
    const entries = new TimedEntries<string>(1000, 10);
    const before = entries.generation;
    entries.clear();
    entries.set('a', 'stale', before);
    expect(entries.get('a')).toBeUndefined();
    entries.set('a', 'fresh', entries.generation);
    expect(entries.get('a')).toBe('fresh');
    const never = new TimedEntries<string>(0, 10);
    never.set('a', 'A', never.generation);
    expect(never.get('a')).toBeUndefined();
  });
});
