/**
 * Shared state in Redis (REDIS_URL): two gateway replicas on one Redis behave as one gateway (APQ
 * cache, rate limits); a Redis that is down, or stops answering, never fails a request. Real Redis at
 * TEST_REDIS_URL (default redis://127.0.0.1:6379), keys under a prefix unique to this run. Time is
 * driven, not waited for: the stacks and connections run on a test clock (rate-limit windows, the
 * back-off), and the tests wait on the connection's events.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { errorCodes, expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { freePort } from '../support/processes.js';
import { howToStartRedis, missingService, skipWhenMissing } from '../support/services.js';
import { loadConfig } from '../../src/config.js';
import { sha256 } from '../../src/gateway/documents.js';
import { BACKOFF_MS, RedisConnection, RedisKeyValueCache, RedisRateLimiter, describeRedis, type RedisFallback } from '../../src/gateway/redis.js';
import type { Logger } from '../../src/platform/logger.js';

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `customs-test:${process.pid}:${randomUUID()}:`;
const limits = { ...loadConfig({}).limits, ratePerMinute: 3 };
/** A test clock 10 s into a minute: every rate window of these tests is whole, and Retry-After is exactly 50. */
const START = Date.UTC(2026, 0, 5, 9, 30, 10);
const testClock = (at = START) => {
  const clock = { at, now: () => clock.at };
  return clock;
};
let redis: Redis;
let a: TestStack;
let b: TestStack;
let redisMissing: string | undefined;
skipWhenMissing(() => redisMissing);

beforeAll(async () => {
  redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  redisMissing = await missingService(
    `Redis at ${describeRedis(redisUrl)} (TEST_REDIS_URL)`,
    async () => {
      await redis.connect();
      await redis.ping();
    },
    howToStartRedis,
  );
  if (redisMissing) return;
  [a, b] = await Promise.all([
    startTestStack({ redis: { url: redisUrl, keyPrefix: prefix }, limits }, { now: testClock().now }),
    startTestStack({ redis: { url: redisUrl, keyPrefix: prefix }, limits }, { now: testClock().now }),
  ]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (redis?.status === 'ready') {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
});

const apq = (hash: string, query?: string) => ({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

async function statuses(stack: TestStack, n: number, as: string) {
  const out: { status: number; retryAfter: string | null }[] = [];
  for (let i = 0; i < n; i++) {
    const r = await stack.post('{ benefits { code } }', undefined, { as });
    out.push({ status: r.status, retryAfter: r.headers.get('retry-after') });
  }
  return out;
}

describe('two gateway replicas sharing one Redis', () => {
  it('an automatic persisted query registered through one replica is found through the other', async () => {
    const query = '{ program(code: "KR-AEO") { code name } }';
    const hash = sha256(query);
    expectNoErrors(await a.postBody(apq(hash, query)));
    expect(await redis.get(`${prefix}apq:${hash}`)).toBe(query);
    expect(await redis.pttl(`${prefix}apq:${hash}`)).toBeGreaterThan(0); // entries expire
    const viaB = await b.postBody<Json>(apq(hash));
    expect(expectNoErrors(viaB).program.code).toBe('KR-AEO');
    // A hash nobody registered is still unknown on both.
    const unknown = await b.postBody(apq(sha256('{ benefits { name } }')));
    expect(errorCodes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('share the rate limit: 3 per minute, 2 requests on A and 2 on B, the 4th is 429 with Retry-After', async () => {
    const onA = await statuses(a, 2, 'web-explorer');
    const onB = await statuses(b, 2, 'web-explorer');
    expect([...onA, ...onB].map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(onB[1].retryAfter).toBe('50'); // the end of the shared window, on the replicas' (test) clock
    expect((await a.post('{ benefits { code } }', undefined, { as: 'web-explorer' })).status).toBe(429);
    // Counted in Redis, under the prefix, with an expiry.
    const key = `${prefix}rate:web-explorer:${Math.floor(START / 60_000)}`;
    expect(await redis.keys(`${prefix}rate:web-explorer:*`)).toEqual([key]);
    expect(Number(await redis.get(key))).toBe(5);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});

describe('when Redis is not there', () => {
  it('REDIS_URL pointing at a closed port: the gateway starts and answers; APQ and rate limits fall back to memory', async () => {
    const port = await freePort();
    // Starting does not wait on the unreachable Redis beyond its bounded first connection attempt.
    const stack = await startTestStack({ redis: { url: `redis://127.0.0.1:${port}`, keyPrefix: prefix }, limits }, { now: testClock().now });
    try {
      const data = expectNoErrors(await stack.post<Json>('{ shipment(reference: "DEMO-KR-US-0001") { reference } }', undefined, { as: 'kr-kcs-analyst' }));
      expect(data.shipment.reference).toBe('DEMO-KR-US-0001');
      const query = '{ benefits { code name } }';
      expectNoErrors(await stack.postBody(apq(sha256(query), query), { as: 'us-cbp-analyst' }));
      expectNoErrors(await stack.postBody(apq(sha256(query)), { as: 'us-cbp-analyst' }));
      const counted = await statuses(stack, 4, 'web-explorer');
      expect(counted.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(counted[3].retryAfter).toBe('50'); // counted in memory, on the same clock
    } finally {
      await stack.stop();
    }
  });
});

/** A TCP proxy to Redis that can stop answering without closing the connection (replies are held, then delivered). */
async function stallableProxy(target: URL): Promise<{ port: number; stall(on: boolean): void; close(): Promise<void> }> {
  let stalled = false;
  const held: { client: Socket; data: Buffer }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.on('data', (data: Buffer) => (stalled ? held.push({ client, data }) : client.write(data)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    stall(on) {
      stalled = on;
      if (!on) for (const { client, data } of held.splice(0)) client.write(data);
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function capturingLogger() {
  const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (msg, fields) => warnings.push({ msg, fields }) };
  return { logger, warnings };
}

describe('when Redis stops answering', () => {
  it('a call gives up after the command timeout and falls back to memory; the next ones skip Redis during the back-off (no wait), warn once, and Redis is used again after it', async () => {
    const proxy = await stallableProxy(new URL(redisUrl));
    const { logger, warnings } = capturingLogger();
    const clock = testClock();
    const connection = new RedisConnection(`redis://127.0.0.1:${proxy.port}`, logger, { now: clock.now });
    const fallbacks: RedisFallback[] = [];
    connection.on('fallback', (f) => fallbacks.push(f));
    let recoveries = 0;
    connection.on('recovered', () => recoveries++);
    try {
      expect(await connection.connected()).toBe(true);
      const limiter = new RedisRateLimiter(connection, prefix);
      const cache = new RedisKeyValueCache(connection, `${prefix}stall:`);
      expect((await limiter.take('stall-client', 2)).allowed).toBe(true); // through Redis
      const key = `${prefix}rate:stall-client:${Math.floor(START / 60_000)}`;
      expect(await redis.get(key)).toBe('1');
      expect(fallbacks).toEqual([]);

      proxy.stall(true);
      // The command is sent, is not answered, and fails at the command timeout: counted in memory (its own count starts at 1).
      const timedOut = once(connection, 'fallback');
      expect((await limiter.take('stall-client', 2)).allowed).toBe(true);
      expect(await timedOut).toEqual([{ operation: 'rate limit', reason: expect.stringMatching(/timed out/i), skipped: false }]);
      // During the back-off, calls do not ask Redis at all (so they cannot wait for it): skipped, in memory.
      expect((await limiter.take('stall-client', 2)).allowed).toBe(true);
      expect((await limiter.take('stall-client', 2)).allowed).toBe(false); // the memory limit still holds
      await cache.set('q', 'query text', { ttl: 60 });
      expect(await cache.get('q')).toBe('query text'); // from memory: Redis is not asked
      expect(await cache.get('never-registered')).toBeUndefined(); // a miss, not an error
      expect(fallbacks.slice(1)).toEqual([
        { operation: 'rate limit', reason: 'recent failure', skipped: true },
        { operation: 'rate limit', reason: 'recent failure', skipped: true },
        { operation: 'apq write', reason: 'recent failure', skipped: true },
        { operation: 'apq read', reason: 'recent failure', skipped: true },
      ]);
      expect(warnings.filter((w) => w.fields?.operation === 'rate limit')).toHaveLength(1); // at most one warning per operation and interval
      expect(warnings[0].fields?.redis).toBe(`redis://127.0.0.1:${proxy.port}`);

      // Redis answers again (the held reply is delivered), but the back-off is not over: still skipped.
      proxy.stall(false);
      clock.at += BACKOFF_MS - 1;
      await limiter.take('stall-client', 2);
      expect(fallbacks.at(-1)).toEqual({ operation: 'rate limit', reason: 'recent failure', skipped: true });
      expect(recoveries).toBe(0);
      // The back-off is over: Redis is used again, and the connection says so.
      clock.at += 1;
      const recovered = once(connection, 'recovered');
      await limiter.take('stall-client', 2);
      await recovered;
      expect(recoveries).toBe(1);
      expect(fallbacks).toHaveLength(6);
      // Counted in Redis again: the first call, the one that timed out (Redis ran it; its reply came late), this one.
      expect(await redis.get(key)).toBe('3');
    } finally {
      await connection.close();
      await proxy.close();
    }
  });
});
