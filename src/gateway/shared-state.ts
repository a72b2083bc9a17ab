/**
 * What gateway replicas share: the APQ cache and the rate-limit counters. In Redis when REDIS_URL is
 * set (every replica pointed at the same Redis and REDIS_KEY_PREFIX behaves as one gateway), in this
 * process's memory otherwise. See src/gateway/redis.ts for the behaviour when Redis fails.
 */
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Config } from '../config.js';
import type { Logger } from '../platform/logger.js';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit.js';
import { describeRedis, RedisConnection, RedisKeyValueCache, RedisRateLimiter, type RedisOptions } from './redis.js';

export interface SharedState {
  /** The APQ cache; undefined means Apollo Server's own in-memory cache. */
  apqCache?: KeyValueCache<string>;
  rateLimiter: RateLimiter;
  /** Where the state lives, for logs. */
  description: string;
  close(): Promise<void>;
}

/** `options.now`: the clock of rate-limit windows and of the Redis back-off (Date.now by default). */
export async function createSharedState(config: Pick<Config, 'redis'>, logger: Logger, options: RedisOptions = {}): Promise<SharedState> {
  if (!config.redis) {
    return { rateLimiter: new MemoryRateLimiter(options), description: 'memory', close: async () => {} };
  }
  const { url, keyPrefix } = config.redis;
  const redis = new RedisConnection(url, logger, options);
  // Start without waiting long for an unreachable Redis: requests fall back to memory until it answers.
  if (await redis.connected()) logger.info('shared state in redis', { redis: describeRedis(url), keyPrefix });
  return {
    apqCache: new RedisKeyValueCache(redis, `${keyPrefix}`),
    rateLimiter: new RedisRateLimiter(redis, keyPrefix, options),
    description: describeRedis(url),
    close: () => redis.close(),
  };
}
