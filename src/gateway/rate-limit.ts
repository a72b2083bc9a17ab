/** Per-client rate limit: a fixed one-minute window per client, in memory or in Redis (shared by replicas). */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(clientId: string, perMinute: number): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  /** The clock of the windows (milliseconds since the epoch): Date.now by default; tests drive their own. */
  now?: () => number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { window: number; count: number }>();
  private readonly now: () => number;

  constructor(options: RateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async take(clientId: string, perMinute: number): Promise<RateDecision> {
    const now = this.now();
    const window = Math.floor(now / 60_000);
    const current = this.windows.get(clientId);
    const entry = current && current.window === window ? current : { window, count: 0 };
    entry.count++;
    this.windows.set(clientId, entry);
    if (this.windows.size > 100_000) this.windows.clear();
    return { allowed: entry.count <= perMinute, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)) };
  }
}
