/** The in-memory rate limiter on a driven clock: fixed one-minute windows per client, Retry-After to the window's end. */
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../src/gateway/rate-limit.js';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5, 9, 30, 0);

describe('MemoryRateLimiter', () => {
  it('counts per client within a minute, refuses past the limit with Retry-After to the end of the window, and starts again in the next', async () => {
    let now = START + 15_000;
    const limiter = new MemoryRateLimiter({ now: () => now });
    expect(await limiter.take('a', 2)).toEqual({ allowed: true, retryAfterSeconds: 45 });
    expect(await limiter.take('a', 2)).toEqual({ allowed: true, retryAfterSeconds: 45 });
    expect(await limiter.take('b', 2)).toEqual({ allowed: true, retryAfterSeconds: 45 }); // another client, its own count
    now = START + MINUTE - 1_500;
    expect(await limiter.take('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 2 }); // rounded up, never 0
    now = START + MINUTE - 1;
    expect(await limiter.take('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = START + MINUTE; // the next window
    expect(await limiter.take('a', 2)).toEqual({ allowed: true, retryAfterSeconds: 60 });
  });

  it('reads Date.now by default', async () => {
    const decision = await new MemoryRateLimiter().take('a', 1);
    expect(decision.allowed).toBe(true);
    expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(decision.retryAfterSeconds).toBeLessThanOrEqual(60);
  });
});
