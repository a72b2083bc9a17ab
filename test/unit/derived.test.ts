import { describe, expect, it } from 'vitest';
import { derivedFrom } from '../../src/platform/derived.js';

describe('derivedFrom (values derived once per unchanging source object)', () => {
  it('derives once per source object, again for a new one, and freezes what it keeps', () => {
    const cache = new WeakMap<{ codes: string }[], { codes: string[] }[]>();
    let derivations = 0;
    const split = (rows: { codes: string }[]) => (derivations++, rows.map((r) => ({ codes: r.codes.split(' ') })));
    const snapshot = [{ codes: 'AEO AEOS' }];
    const first = derivedFrom(cache, snapshot, split);
    expect(derivedFrom(cache, snapshot, split)).toBe(first);
    expect(derivations).toBe(1);
    expect(derivedFrom(cache, [{ codes: 'AEO AEOS' }], split)).not.toBe(first);
    expect(derivations).toBe(2);
    expect(() => first[0].codes.push('TIER')).toThrow(TypeError);
    expect(() => (first[0].codes = [])).toThrow(TypeError);
  });
});
