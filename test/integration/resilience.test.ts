/**
 * Resilience pieces in isolation: the circuit breaker, retries for queries only (a mutation is never
 * sent twice), the per-call timeout; and a database that goes away and comes back (PostgreSQL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CircuitBreaker, RemoteSubgraphSource, defaultResilience } from '../../src/gateway/remote.js';
import { createLogger } from '../../src/platform/logger.js';
import { loadConfig, parseDatabaseUrl } from '../../src/config.js';
import { describeDatabase } from '../../src/data/database-url.js';
import { startStack, type Stack } from '../../src/stack.js';
import { seeder } from '../../prisma/seed/seed.js';
import { devIssuerKeyFile } from '../support/paths.js';
import { howToStartPostgres, missingService, skipWhenMissing } from '../support/services.js';
import { mintDevToken } from '../../src/gateway/identity/issuers.js';
import type { Json } from '../support/stack.js';

const logger = createLogger('silent');

describe('circuit breaker', () => {
  it('opens after the threshold, lets one trial through after the cooldown, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(breaker.allow()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true); // the trial
    expect(breaker.allow()).toBe(false); // only one at a time
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 2000;
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });
});

describe('remote subgraph calls', () => {
  let calls: string[] = [];
  let representationsSent: { id: string }[][] = [];
  let behaviour: 'fail-once' | 'stall' | 'ok' | 'unauthorized' | 'bad-gateway' | 'drop-body' | 'not-json' = 'ok';
  let failed = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const request = JSON.parse(body) as { query: string; variables?: { representations?: { id: string }[] } };
      calls.push(request.query);
      const representations = request.variables?.representations;
      if (representations) {
        // An entity fetch: each operator's name; one that ends in H refused.
        representationsSent.push(representations);
        const errors = representations.flatMap((r, i) => (r.id.endsWith('H') ? [{ message: `not ${r.id}`, path: ['_entities', i, 'name'] }] : []));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { _entities: representations.map((r) => ({ name: r.id.endsWith('H') ? null : `name of ${r.id}` })) }, errors }));
        return;
      }
      if (behaviour === 'stall') return;
      if (behaviour === 'unauthorized') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no"}]}');
      if (behaviour === 'bad-gateway') return res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
      if (behaviour === 'not-json') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      if (behaviour === 'drop-body') {
        // The status line, the headers and part of a body announced longer, then the connection is gone.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"data":{"ok":');
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      if (behaviour === 'fail-once' && !failed) {
        failed = true;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');
    });
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  const source = () => new RemoteSubgraphSource('operators', url, { ...defaultResilience, timeoutMs: 300 }, logger);

  it('retries a query once after a connection failure', async () => {
    calls = [];
    behaviour = 'fail-once';
    failed = false;
    const result = await source().call({ query: 'query { ok }' }, 'token');
    expect(result.data).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('never retries a mutation: nothing is written twice', async () => {
    calls = [];
    behaviour = 'fail-once';
    failed = false;
    await expect(source().call({ query: 'mutation { suspend }' }, 'token')).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'operators' },
    });
    expect(calls).toHaveLength(1);
  });

  it('gives up at the timeout with a masked error naming the subgraph, not its address', async () => {
    calls = [];
    behaviour = 'stall';
    // The subgraph never answers: only the per-call timeout can end the call (else the test times out).
    const error = await source()
      .call({ query: 'query { ok }' }, 'token')
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(/operators service did not answer in time/);
    expect((error as Error).message).not.toMatch(/127\.0\.0\.1/);
  });

  it('sorts what goes wrong after the call left: a refused credential is not retried, a 5xx or a cut answer is, a body that is not GraphQL is not', async () => {
    const cases = [
      { behaviour: 'unauthorized', calls: 1, logged: /refused the gateway credential/ },
      { behaviour: 'bad-gateway', calls: 2, logged: /HTTP 502/ },
      { behaviour: 'drop-body', calls: 2, logged: /response interrupted/ },
      { behaviour: 'not-json', calls: 1, logged: /HTTP 200 without a GraphQL response/ },
    ] as const;
    for (const c of cases) {
      calls = [];
      behaviour = c.behaviour;
      const logged: string[] = [];
      const watched = createLogger('silent');
      watched.warn = (_message: string, fields?: Record<string, unknown>) => void logged.push(String(fields?.error));
      const remote = new RemoteSubgraphSource('operators', url, { ...defaultResilience, timeoutMs: 2_000, retries: 1 }, watched);
      const error = await remote.call({ query: 'query { ok }' }, 'token').catch((e: Error) => e);
      expect(error, c.behaviour).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'operators' } });
      expect((error as Error).message, c.behaviour).toBe('The operators service is unavailable.');
      expect(calls, c.behaviour).toHaveLength(c.calls);
      expect(logged[0], c.behaviour).toMatch(c.logged);
    }
  });

  it('sends each entity of a fetch once over HTTP, and gives the gateway an answer for every representation it sent', async () => {
    behaviour = 'ok';
    representationsSent = [];
    const ids = ['A', 'XH', 'B', 'A', 'XH', 'A'];
    const request = {
      query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { name } } }',
      variables: { representations: ids.map((id) => ({ __typename: 'Operator', id })) },
    };
    const answer = await source().process({ request, context: { internalToken: 'token' } } as unknown as Parameters<RemoteSubgraphSource['process']>[0]);
    expect(representationsSent.map((sent) => sent.map((r) => r.id))).toEqual([['A', 'XH', 'B']]);
    expect(answer.data).toEqual({ _entities: ids.map((id) => ({ name: id.endsWith('H') ? null : `name of ${id}` })) });
    expect(answer.errors).toEqual([
      { message: 'not XH', path: ['_entities', 1, 'name'] },
      { message: 'not XH', path: ['_entities', 4, 'name'] },
    ]);
  });

  it('gives up at the deadline a call still queued for a connection (every connection busy)', async () => {
    behaviour = 'stall';
    const remote = new RemoteSubgraphSource('operators', url, { ...defaultResilience, timeoutMs: 60_000, retries: 0 }, logger);
    // Every connection of the source's agent (128) held by a call that the subgraph never answers.
    const holding = Array.from({ length: 128 }, () => remote.call({ query: 'query { ok }' }, 'token').catch((e: Error) => e));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const error = await remote.call({ query: 'query { ok }' }, 'token', undefined, Date.now() + 150).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/operators service did not answer in time/);
    expect(Date.now() - started).toBeLessThan(5_000);
    server.closeAllConnections();
    await Promise.all(holding);
    await remote.close();
  });

  it('respects the request deadline over the per-call timeout', async () => {
    calls = [];
    behaviour = 'stall';
    // A per-call timeout far beyond the test's own: only the request's deadline can end this call in time.
    const patient = new RemoteSubgraphSource('operators', url, { ...defaultResilience, timeoutMs: 10 * 60_000 }, logger);
    const error = await patient.call({ query: 'query { ok }' }, 'token', undefined, Date.now() + 100).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/operators service did not answer (in time|before the request deadline)/);
  });
});

describe('a database that goes away and comes back (PostgreSQL)', () => {
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `customs_fault_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  let stack: Stack;
  let token: string;
  let postgresMissing: string | undefined;
  skipWhenMissing(() => postgresMissing);

  beforeAll(async () => {
    postgresMissing = await missingService(
      `PostgreSQL at ${describeDatabase(parseDatabaseUrl(adminUrl))} (TEST_POSTGRES_URL)`,
      () => admin.connect(),
      howToStartPostgres,
    );
    if (postgresMissing) return;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const config = {
      ...loadConfig({ DEV_ISSUER_KEY_FILE: devIssuerKeyFile, SHUTDOWN_GRACE_MS: '0', LOG_LEVEL: 'silent' }),
      port: 0,
      database: parseDatabaseUrl(url.toString()),
      seed: { operators: 20, shipments: 40 },
    };
    stack = await startStack(config, { logger, seeder });
    token = await mintDevToken(devIssuerKeyFile, { clientId: 'kr-kcs-analyst', administration: 'KR-KCS', scopes: ['read'], audience: 'customs-gateway' });
  }, 120_000);

  afterAll(async () => {
    if (postgresMissing) return;
    await stack?.stop();
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => {});
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]).catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  const ask = async () => {
    const res = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ shipment(reference: "DEMO-KR-US-0001") { reference departedOn } }' }),
    });
    return { status: res.status, body: (await res.json()) as { data?: Json; errors?: Json[] } };
  };

  it('answers with masked errors and /ready 503 while it is gone, and recovers when it is back', async () => {
    expect((await ask()).body.data.shipment.reference).toBe('DEMO-KR-US-0001');
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);

    const during = await ask();
    expect(during.status).toBe(200);
    expect(during.body.errors!.length).toBeGreaterThan(0);
    expect(JSON.stringify(during.body)).not.toMatch(/postgres|127\.0\.0\.1|5432|terminat|connection|prisma/i);
    expect((await fetch(`${stack.url}/ready`)).status).toBe(503);
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const deadline = Date.now() + 15_000;
    let after = await ask();
    while (after.body.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await ask();
    }
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.shipment.reference).toBe('DEMO-KR-US-0001');
    expect((await fetch(`${stack.url}/ready`)).status).toBe(200);
  }, 60_000);
});
