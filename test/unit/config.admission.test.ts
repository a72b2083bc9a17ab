/**
 * Admission defaults per topology (issue 13 item 1): the embedded process runs the subgraphs on its own thread,
 * so it executes few requests at once; the gateway alone mostly waits on subgraph services. The environment
 * overrides either.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaults, loadConfig } from '../../src/config.js';

const gatewayEnv = {
  INTERNAL_SECRET: 'x'.repeat(32),
  REGISTRY_URL: 'http://127.0.0.1:4001/graphql',
  OPERATORS_URL: 'http://127.0.0.1:4002/graphql',
  SHIPMENTS_URL: 'http://127.0.0.1:4003/graphql',
};
const admission = ({ concurrency, queue, queueTimeoutMs }: { concurrency: number; queue: number; queueTimeoutMs: number }) => ({
  concurrency,
  queue,
  queueTimeoutMs,
});

describe('admission defaults per topology', () => {
  it('embedded (npm start): two requests in execution, a queue of 64, one second in it at most', () => {
    expect(admission(loadConfig({}).limits)).toEqual({ concurrency: 2, queue: 64, queueTimeoutMs: 1000 });
    expect(admission(loadConfig({}, 'all').limits)).toEqual(defaults.admission.embedded);
  });

  it('the gateway over subgraph services (--only gateway): max(8, 16 x cores) in execution, a queue of 32', () => {
    expect(admission(loadConfig(gatewayEnv, 'gateway').limits)).toEqual({
      concurrency: Math.max(8, 16 * availableParallelism()),
      queue: 32,
      queueTimeoutMs: 1000,
    });
  });

  it('MAX_CONCURRENT_REQUESTS, MAX_QUEUED_REQUESTS and QUEUE_TIMEOUT_MS override the defaults of either', () => {
    const env = { MAX_CONCURRENT_REQUESTS: '5', MAX_QUEUED_REQUESTS: '0', QUEUE_TIMEOUT_MS: '0' };
    expect(admission(loadConfig(env).limits)).toEqual({ concurrency: 5, queue: 0, queueTimeoutMs: 0 });
    expect(admission(loadConfig({ ...gatewayEnv, ...env }, 'gateway').limits)).toEqual({ concurrency: 5, queue: 0, queueTimeoutMs: 0 });
    expect(admission(loadConfig({ MAX_CONCURRENT_REQUESTS: '' }).limits).concurrency).toBe(2); // empty counts as unset
  });

  it('refuses values that are not counts', () => {
    expect(() => loadConfig({ MAX_CONCURRENT_REQUESTS: '0' })).toThrow(/MAX_CONCURRENT_REQUESTS/);
    expect(() => loadConfig({ MAX_QUEUED_REQUESTS: 'many' })).toThrow(/MAX_QUEUED_REQUESTS/);
    expect(() => loadConfig({ QUEUE_TIMEOUT_MS: '-1' })).toThrow(/QUEUE_TIMEOUT_MS/);
  });
});
