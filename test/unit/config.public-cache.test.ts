/** PUBLIC_CACHE_MS: how long the gateway answers from memory with public registry data (src/config.ts). */
import { describe, expect, it } from 'vitest';
import { defaults, loadConfig } from '../../src/config.js';

describe('PUBLIC_CACHE_MS', () => {
  it('defaults to one second; 0 turns both caches off; any whole number of milliseconds is taken', () => {
    expect(defaults.publicCacheMs).toBe(1000);
    expect(loadConfig({}).publicCacheMs).toBe(1000);
    expect(loadConfig({ PUBLIC_CACHE_MS: '0' }).publicCacheMs).toBe(0);
    expect(loadConfig({ PUBLIC_CACHE_MS: '250' }).publicCacheMs).toBe(250);
  });

  it('refuses a negative, fractional or non-numeric value, naming the variable', () => {
    for (const value of ['-1', '1.5', 'soon']) expect(() => loadConfig({ PUBLIC_CACHE_MS: value }), value).toThrow(/PUBLIC_CACHE_MS/);
  });
});
