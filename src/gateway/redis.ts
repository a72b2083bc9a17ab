/**
 * State that several gateway replicas share through Redis (REDIS_URL): the APQ cache and the
 * per-client rate-limit counters. Redis is an optimisation of correctness across replicas, never a
 * dependency of a request: when it is down or slow, each call falls back to this replica's memory
 * (fail-open) and a warning is logged (at most once per FALLBACK_WARN_INTERVAL_MS per operation).
 * Every fallback and the first success after one are also events of the connection ('fallback',
 * 'recovered'), and the back-off and warning intervals read an injectable clock (`now`, Date.now by
 * default), so tests drive time and wait on events instead of sleeping.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from '../platform/logger.js';
import { MemoryRateLimiter, type RateDecision, type RateLimiter } from './rate-limit.js';

/** A command that has not answered by then counts as failed (a stalled Redis must not stall requests). */
export const COMMAND_TIMEOUT_MS = 500;
/** After a failure, requests skip Redis for this long instead of each waiting for it to fail again. */
export const BACKOFF_MS = 1000;
const FALLBACK_WARN_INTERVAL_MS = 10_000;

/** The clock of rate-limit windows, the back-off and warning intervals: milliseconds since the epoch. */
export type Clock = () => number;

export interface RedisOptions {
  /** Date.now by default; tests pass their own to drive the back-off and the rate-limit windows. */
  now?: Clock;
}

/** A call that fell back to memory. */
export interface RedisFallback {
  operation: string;
  reason: string;
  /**
   * true when Redis was not asked at all (back-off after a recent failure, or not connected): the
   * request did not wait. false when the command was sent and failed (error or command timeout).
   */
  skipped: boolean;
}

/** Events of a RedisConnection: every fallback, and the first command that succeeds after one. */
export interface RedisEvents {
  fallback: [RedisFallback];
  recovered: [];
}

/** Redacts credentials so a Redis URL can be logged. */
export function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || 6379}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'Redis';
  }
}

/**
 * One connection to Redis and the bookkeeping of its failures: `attempt` runs a command or returns
 * FAILED (never throws), so every caller decides its own fallback.
 */
/** What `RedisConnection.attempt` returns when the command failed. */
export const FAILED: unique symbol = Symbol('redis failed');

export class RedisConnection extends EventEmitter<RedisEvents> {
  readonly client: Redis;
  readonly now: Clock;
  private skipUntil = 0;
  /** A call fell back since the last success: the next success is a recovery. */
  private fellBack = false;
  private readonly lastWarned = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();
  private down = false;

  constructor(
    readonly url: string,
    private readonly logger: Logger,
    options: RedisOptions = {},
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.client = new Redis(url, {
      // Fail fast instead of queueing while disconnected: the caller falls back to memory at once.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      // Keep reconnecting in the background for as long as the process lives.
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000),
      lazyConnect: false,
    });
    this.client.on('error', (error: Error) => {
      if (!this.down)
        logger.warn("redis unavailable: shared APQ cache and rate limits fall back to this replica's memory", {
          redis: describeRedis(url),
          error: error.message,
        });
      this.down = true;
    });
    this.client.on('ready', () => {
      if (this.down) logger.info('redis available again', { redis: describeRedis(url) });
      this.down = false;
      this.skipUntil = 0;
    });
  }

  /** Waits (at most `timeoutMs`) for the first connection attempt to succeed or fail; never throws. */
  async connected(timeoutMs = 2000): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        resolve(ok);
      };
      const onReady = () => done(true);
      const onError = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.once('ready', onReady);
      this.client.once('error', onError);
    });
  }

  async attempt<T>(operation: string, command: (redis: Redis) => Promise<T>): Promise<T | typeof FAILED> {
    if (this.now() < this.skipUntil || this.client.status !== 'ready') {
      return this.fallBack({ operation, reason: this.client.status === 'ready' ? 'recent failure' : `connection ${this.client.status}`, skipped: true });
    }
    let result: T;
    try {
      result = await command(this.client);
    } catch (error) {
      this.skipUntil = this.now() + BACKOFF_MS;
      return this.fallBack({ operation, reason: error instanceof Error ? error.message : String(error), skipped: false });
    }
    if (this.fellBack) {
      this.fellBack = false;
      this.emit('recovered');
    }
    return result;
  }

  private fallBack(fallback: RedisFallback): typeof FAILED {
    this.fellBack = true;
    this.warn(fallback.operation, fallback.reason);
    this.emit('fallback', fallback);
    return FAILED;
  }

  private warn(operation: string, reason: string) {
    const now = this.now();
    const last = this.lastWarned.get(operation) ?? 0;
    if (now - last < FALLBACK_WARN_INTERVAL_MS) {
      this.suppressed.set(operation, (this.suppressed.get(operation) ?? 0) + 1);
      return;
    }
    this.lastWarned.set(operation, now);
    const suppressed = this.suppressed.get(operation) ?? 0;
    this.suppressed.delete(operation);
    this.logger.warn('redis: fell back to memory for this request', {
      operation,
      reason,
      redis: describeRedis(this.url),
      ...(suppressed ? { suppressedSinceLastWarning: suppressed } : {}),
    });
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('ready');
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }
}

/**
 * Apollo's KeyValueCache over Redis, for the APQ cache (query text by hash). APQ entries never change
 * (the key is the hash of the value), so a local LRU in front of Redis is always coherent: reads try
 * memory, then Redis; a Redis failure is a miss (the client registers the query again, which lands in
 * memory). Keys are `<prefix><key>`, values expire after the TTL Apollo passes (seconds).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly memory = new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024 });

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const local = await this.memory.get(key);
    if (local !== undefined) return local;
    const [value, ttlMs] = await this.redisGet(key);
    if (value === undefined) return undefined;
    await this.memory.set(key, value, ttlMs > 0 ? { ttl: ttlMs / 1000 } : undefined);
    return value;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    await this.memory.set(key, value, options);
    await this.redis.attempt('apq write', (r) =>
      ttl ? r.set(this.prefix + key, value, 'PX', Math.max(1, Math.round(ttl * 1000))) : r.set(this.prefix + key, value),
    );
  }

  async delete(key: string): Promise<boolean> {
    await this.memory.delete(key);
    const removed = await this.redis.attempt('apq delete', (r) => r.del(this.prefix + key));
    return removed !== FAILED && removed > 0;
  }

  private async redisGet(key: string): Promise<[string | undefined, number]> {
    const result = await this.redis.attempt('apq read', async (r) => {
      const replies = await r
        .multi()
        .get(this.prefix + key)
        .pttl(this.prefix + key)
        .exec();
      if (!replies) throw new Error('transaction aborted');
      for (const [error] of replies) if (error) throw error;
      return [replies[0][1] as string | null, Number(replies[1][1])] as const;
    });
    if (result === FAILED || result[0] === null) return [undefined, 0];
    return [result[0], result[1]];
  }
}

/**
 * Fixed one-minute windows per client, counted in Redis so every replica sees the same count:
 * INCR and PEXPIRE of `<prefix>rate:<clientId>:<window>` in one MULTI. Windows are aligned on the
 * replicas' clocks (as MemoryRateLimiter's), so replicas agree as long as their clocks do (NTP).
 * Fail-open: when Redis fails, this request is counted in this replica's memory instead, so each
 * replica still enforces the limit on its own while Redis is away (the cluster-wide ceiling becomes
 * replicas x limit); a request is never refused because Redis is down.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;
  private readonly now: Clock;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    /** The clock of the windows: the connection's by default. */
    options: RedisOptions = {},
  ) {
    this.now = options.now ?? redis.now;
    this.fallback = new MemoryRateLimiter({ now: this.now });
  }

  async take(clientId: string, perMinute: number): Promise<RateDecision> {
    const now = this.now();
    const window = Math.floor(now / 60_000);
    const windowEnd = (window + 1) * 60_000;
    const key = `${this.prefix}rate:${clientId}:${window}`;
    const count = await this.redis.attempt('rate limit', async (r) => {
      const replies = await r
        .multi()
        .incr(key)
        .pexpire(key, windowEnd - now + 5_000)
        .exec();
      if (!replies) throw new Error('transaction aborted');
      const [error, value] = replies[0];
      if (error) throw error;
      return Number(value);
    });
    if (count === FAILED) return this.fallback.take(clientId, perMinute);
    return { allowed: count <= perMinute, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
  }
}
