/**
 * The production topology: four processes (three subgraph services and the gateway) started as the
 * README says, and the faults a deployment meets: a subgraph killed under load, a subgraph that
 * stalls, one that resets connections, SIGTERM under load. Bounded in time and load, loopback only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startService, stopService, type Service } from '../support/processes.js';
import { startProxy, type FaultProxy } from '../support/proxy.js';
import { devIssuerKeyFile } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { mintDevToken } from '../../src/gateway/identity/issuers.js';
import { buildManifest } from '../../src/gateway/documents.js';
import type { Json } from '../support/stack.js';

const secret = randomUUID() + randomUUID();
const headline = buildManifest().operations.find((o) => o.name === 'ShipmentRecognition')!;
let env: Record<string, string>;
let registry: Service, operators: Service, shipments: Service, gateway: Service;
let operatorsProxy: FaultProxy;
let database: TestDatabase;
let token: string;

async function ask(url: string, body: unknown, timeoutMs = 15_000) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, body: (await res.json()) as { data?: Json; errors?: Json[] } };
}
const headlineQuery = () => ask(gateway.url, { documentId: `sha256:${headline.id}`, variables: { reference: 'DEMO-KR-CA-0001' } });
const ready = async (url: string) => (await fetch(`${url}/ready`)).status;
async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase(); // SQLite file or PostgreSQL database, as the run says
  env = {
    DATABASE_URL: database.url,
    INTERNAL_SECRET: secret,
    DEV_ISSUER_KEY_FILE: devIssuerKeyFile,
    SUBGRAPH_TIMEOUT_MS: '1000',
    REQUEST_DEADLINE_MS: '2500',
    BREAKER_COOLDOWN_MS: '500',
    // Long enough for the test to observe readiness 503 on a busy machine before the listener closes.
    SHUTDOWN_GRACE_MS: '1500',
  };
  [registry, operators, shipments] = await Promise.all([startService('registry', env), startService('operators', env), startService('shipments', env)]);
  operatorsProxy = await startProxy(operators.port);
  gateway = await startService('gateway', {
    ...env,
    REGISTRY_URL: `${registry.url}/graphql`,
    OPERATORS_URL: `${operatorsProxy.url}/graphql`,
    SHIPMENTS_URL: `${shipments.url}/graphql`,
  });
  token = await mintDevToken(devIssuerKeyFile, { clientId: 'kr-kcs-partner', administration: 'KR-KCS', scopes: ['read'], audience: 'customs-gateway' });
}, 120_000);

afterAll(async () => {
  await Promise.all([gateway, registry, operators, shipments].map(stopService));
  await operatorsProxy?.close();
  await database?.drop();
});

describe('four processes', () => {
  it('answer the headline query through the gateway', async () => {
    const { status, body } = await headlineQuery();
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.shipment.recognition.recognized).toBe(true);
    expect(await ready(gateway.url)).toBe(200);
  });

  it('each subgraph service answers only the gateway (401), and has /health and /ready', async () => {
    for (const s of [registry, operators, shipments]) {
      const res = await fetch(`${s.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ _service { sdl } }"}',
      });
      expect(res.status).toBe(401);
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect(await ready(s.url)).toBe(200);
    }
  });
});

describe('faults', () => {
  it('a subgraph that resets connections: shipment data, a masked error naming it, HTTP 200; recovery', async () => {
    operatorsProxy.setMode('reset');
    const { status, body } = await headlineQuery();
    expect(status).toBe(200);
    expect(body.data.shipment.reference).toBe('DEMO-KR-CA-0001');
    expect(body.data.shipment.consignor).toBeNull();
    const codes = body.errors!.map((e) => e.extensions.code);
    expect(codes).toContain('SUBGRAPH_UNAVAILABLE');
    expect(body.errors!.find((e) => e.extensions.code === 'SUBGRAPH_UNAVAILABLE').extensions.subgraph).toBe('operators');
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|ECONNRESET|socket|:\d{4,5}/);
    operatorsProxy.setMode('pass');
    await until(async () => !(await headlineQuery()).body.errors);
  });

  it('a subgraph that stalls: no request hangs past the deadline', async () => {
    operatorsProxy.setMode('stall');
    // The proxy never answers: only the gateway's deadline can produce these answers (the client gives up after 15 s).
    const results = await Promise.all(Array.from({ length: 5 }, () => headlineQuery()));
    for (const { status, body } of results) {
      expect(status).toBe(200);
      expect(body.data.shipment.reference).toBe('DEMO-KR-CA-0001');
      expect(body.errors!.some((e) => e.extensions.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions.subgraph === 'operators')).toBe(true);
    }
    operatorsProxy.setMode('pass');
    await until(async () => !(await headlineQuery()).body.errors);
  });

  it('the operators subgraph killed under load: no 5xx, partial data, /ready 503 and back; queries that do not need it still succeed', async () => {
    const load = async (n: number) => Promise.all(Array.from({ length: n }, () => headlineQuery()));
    const inFlight = load(20);
    await stopService(operators);
    const during = [...(await inFlight), ...(await load(10))];
    for (const { status, body } of during) {
      expect(status).toBe(200);
      expect(body.data.shipment.reference).toBe('DEMO-KR-CA-0001');
    }
    await until(async () => (await ready(gateway.url)) === 503);
    const registryOnly = await ask(gateway.url, {
      documentId: `sha256:${buildManifest().operations.find((o) => o.name === 'ShipmentRecognition')!.id}`,
      variables: { reference: 'DEMO-KR-US-2009' },
    });
    expect(registryOnly.status).toBe(200);
    operators = await startService('operators', env, operators.port);
    await until(async () => (await ready(gateway.url)) === 200);
    await until(async () => !(await headlineQuery()).body.errors);
    expect((await headlineQuery()).body.data.shipment.recognition.recognized).toBe(true);
  }, 60_000);

  it('SIGTERM under load: readiness goes 503, in-flight requests finish, the process exits within 10 s', async () => {
    // SIGTERM once the load is in flight: its first request has reached the operators subgraph (through the proxy).
    const reachedOperators = operatorsProxy.nextRequest();
    const load = Array.from({ length: 30 }, () => headlineQuery().catch((e: Error) => ({ status: 0, body: { errors: [{ message: e.message }] } })));
    await reachedOperators;
    gateway.child.kill('SIGTERM');
    // Readiness turns 503 while the gateway drains (before the listener closes).
    let sawDraining = false;
    while (gateway.child.exitCode === null && !sawDraining) {
      const status = await fetch(`${gateway.url}/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 503) sawDraining = true;
      if (status === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const results = await Promise.all(load);
    // Exit code 0: the shutdown finished on its own (past 10 s, src/main.ts forces exit code 1).
    const code = await gateway.exited;
    expect(code).toBe(0);
    expect(sawDraining).toBe(true);
    for (const r of results) expect(r.status).toBe(200);
  }, 30_000);
});

describe('configuration', () => {
  it('an invalid configuration stops start-up with every problem listed at once', async () => {
    const port = await freePort();
    const failure = await startService('gateway', { DATABASE_URL: 'mysql://nope', PORT: String(port), MAX_DEPTH: 'deep', INTERNAL_SECRET: 'short' }, port).then(
      () => new Error('started'),
      (error: Error) => error,
    );
    for (const problem of ['DATABASE_URL', 'MAX_DEPTH', 'INTERNAL_SECRET', 'REGISTRY_URL', 'OPERATORS_URL', 'SHIPMENTS_URL']) {
      expect(failure.message).toContain(problem);
    }
  });
});
