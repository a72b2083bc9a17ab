/**
 * Public registry entities from memory for one second (src/gateway/entity-cache.ts): which fetches qualify, copies,
 * expiry, errors and invalidation, against a fake registry; then through the gateway over HTTP: the headline's
 * programme names come from memory the second time, the recognition never does, a mutation through the gateway
 * empties the cache, and the answers are the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { PublicEntityCache, PublicEntityCacheSource } from '../../src/gateway/entity-cache.js';
import { InProcessDataSource, type SubgraphSource } from '../../src/gateway/datasources.js';
import type { GatewayContext } from '../../src/gateway/context.js';
import { buildManifest } from '../../src/gateway/documents.js';
import { errorCodes, expectNoErrors, startTestStack, type Json, type TestStack } from '../support/stack.js';

const PROGRAMS = 'query Q__registry__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Program { name tiers { code } } } }';
const program = (code: string) => ({ __typename: 'Program', code });
const fetchOf = (representations: unknown[], query = PROGRAMS, other: Record<string, unknown> = {}): GatewayGraphQLRequest => ({
  query,
  variables: { ...other, representations },
});

/** A registry that answers each programme's name and tiers, counting the fetches it is sent. */
function fakeRegistry(
  answer: (request: GatewayGraphQLRequest) => GatewayGraphQLResponse = (request) => ({
    data: {
      _entities: (request.variables!.representations as { code: string }[]).map((r) => ({ name: `name of ${r.code}`, tiers: [{ code: 'T1' }] })),
    },
  }),
) {
  const sent: GatewayGraphQLRequest[] = [];
  const source = {
    process: ({ request }: GraphQLDataSourceProcessOptions<GatewayContext>) => {
      sent.push(request);
      return Promise.resolve(answer(request));
    },
    call: () => Promise.reject(new Error('not used')),
  } as unknown as SubgraphSource;
  return { source, sent };
}
const processOf = (source: PublicEntityCacheSource, request: GatewayGraphQLRequest) =>
  source.process({ request, context: {} } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

describe('public registry entities from memory', () => {
  it('qualifies only queries of entities that are all public registry types', () => {
    const cache = new PublicEntityCache({ ttlMs: 1000 });
    expect(cache.keysOf(fetchOf([program('KR-AEO'), { __typename: 'Administration', code: 'KR-KCS' }]))).toHaveLength(2);
    expect(cache.keysOf({ query: '{ programs { code } }' })).toBeNull();
    expect(cache.keysOf(fetchOf([]))).toBeNull();
    expect(cache.keysOf(fetchOf([{ __typename: 'Shipment', reference: 'S-1', departedOn: '2024-01-01' }]))).toBeNull();
    expect(cache.keysOf(fetchOf([program('KR-AEO'), { __typename: 'Operator', id: 'OP-1' }]))).toBeNull();
    expect(cache.keysOf(fetchOf([program('KR-AEO')], PROGRAMS.replace(/^query/, 'mutation')))).toBeNull();
    // The other variables and the fetch text are part of the key.
    const [a] = cache.keysOf(fetchOf([program('KR-AEO')], PROGRAMS, { asOf: '2024-01-01' }))!;
    const [b] = cache.keysOf(fetchOf([program('KR-AEO')], PROGRAMS, { asOf: '2025-01-01' }))!;
    const [c] = cache.keysOf(fetchOf([program('KR-AEO')], PROGRAMS.replace('name ', '')))!;
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('answers a fetch whose every entity it was given less than a second ago, each answer with its own copies', async () => {
    let now = 0;
    const cache = new PublicEntityCache({ ttlMs: 1000, now: () => now });
    const registry = fakeRegistry();
    const source = new PublicEntityCacheSource(registry.source, cache);
    const first = await processOf(source, fetchOf([program('KR-AEO'), program('US-CTPAT')]));
    // The gateway merges later fetches into what it receives: that must not reach the cache.
    ((first.data as Json)._entities[0] as Record<string, unknown>).merged = true;
    now = 999;
    const second = await processOf(source, fetchOf([program('US-CTPAT'), program('KR-AEO')]));
    expect(registry.sent).toHaveLength(1);
    expect(second).toEqual({
      data: {
        _entities: [
          { name: 'name of US-CTPAT', tiers: [{ code: 'T1' }] },
          { name: 'name of KR-AEO', tiers: [{ code: 'T1' }] },
        ],
      },
    });
    const third = await processOf(source, fetchOf([program('KR-AEO')]));
    expect((third.data as Json)._entities[0]).not.toBe((second.data as Json)._entities[1]);
    expect(cache.stats).toEqual({ hits: 2, misses: 1 });
    // One entity not remembered: the whole fetch goes to the registry.
    await processOf(source, fetchOf([program('KR-AEO'), program('EU-AEO')]));
    expect(registry.sent).toHaveLength(2);
    // A second after: gone.
    now = 1999;
    await processOf(source, fetchOf([program('US-CTPAT')]));
    expect(registry.sent).toHaveLength(3);
  });

  it('remembers nothing from an answer with an error, and forgets everything when invalidated', async () => {
    const cache = new PublicEntityCache({ ttlMs: 1000 });
    let refuse = true;
    const registry = fakeRegistry((request) => ({
      data: { _entities: (request.variables!.representations as unknown[]).map(() => ({ name: 'n', tiers: [] })) },
      ...(refuse ? { errors: [{ message: 'x', path: ['_entities', 0, 'tiers'] }] } : {}),
    }));
    const source = new PublicEntityCacheSource(registry.source, cache);
    await processOf(source, fetchOf([program('KR-AEO')]));
    await processOf(source, fetchOf([program('KR-AEO')]));
    expect(registry.sent).toHaveLength(2);
    refuse = false;
    await processOf(source, fetchOf([program('KR-AEO')]));
    await processOf(source, fetchOf([program('KR-AEO')]));
    expect(registry.sent).toHaveLength(3);
    cache.invalidate();
    await processOf(source, fetchOf([program('KR-AEO')]));
    expect(registry.sent).toHaveLength(4);
  });
});

describe('public registry entities from memory, and a mutation during a fetch', () => {
  it('keeps nothing a fetch brought back if the cache was emptied while it was under way', async () => {
    const cache = new PublicEntityCache({ ttlMs: 60_000 });
    let mutateDuringFetch = true;
    const registry = fakeRegistry((request) => {
      // A mutation through the gateway while the registry answers: what it answers may predate the write.
      if (mutateDuringFetch) cache.invalidate();
      return { data: { _entities: (request.variables!.representations as unknown[]).map(() => ({ name: 'n', tiers: [] })) } };
    });
    const source = new PublicEntityCacheSource(registry.source, cache);
    await processOf(source, fetchOf([program('KR-AEO')]));
    mutateDuringFetch = false;
    await processOf(source, fetchOf([program('KR-AEO')]));
    expect(registry.sent).toHaveLength(2);
    await processOf(source, fetchOf([program('KR-AEO')]));
    expect(registry.sent).toHaveLength(2);
  });
});

describe('public registry entities from memory, through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A minute, not the default second: the two requests of a test must fall within it on a loaded machine too.
    stack = await startTestStack({ publicCacheMs: 60_000 });
  });
  afterAll(() => stack?.stop());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const manifest = buildManifest();
  const id = (name: string) => `sha256:${manifest.operations.find((o) => o.name === name)!.id}`;
  const headline = async () =>
    expectNoErrors(
      await stack.postBody<Json>({ documentId: id('ShipmentRecognition'), variables: { reference: 'DEMO-EU-US-0001' } }, { as: 'us-cbp-analyst' }),
    );

  /** The registry fetches of the requests made while watching: the types of their representations. */
  function watchRegistry() {
    const fetched: string[][] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const process = InProcessDataSource.prototype.process;
    vi.spyOn(InProcessDataSource.prototype, 'process').mockImplementation(function (this: InProcessDataSource, options) {
      if ((this as unknown as { subgraph: { name: string } }).subgraph.name === 'registry') {
        const representations = (options.request.variables?.representations ?? []) as { __typename: string }[];
        fetched.push([...new Set(representations.map((r) => r.__typename))]);
      }
      return process.call(this, options);
    });
    return fetched;
  }

  it('asks the registry for programme names once within PUBLIC_CACHE_MS, for the recognition every time, and answers alike', async () => {
    stack.gateway.entityCache.invalidate();
    const fetched = watchRegistry();
    const first = await headline();
    const second = await headline();
    expect(second).toEqual(first);
    expect(fetched.filter((types) => types.includes('Program'))).toHaveLength(1);
    expect(fetched.filter((types) => types.includes('Shipment'))).toHaveLength(2);
    expect(first.shipment.consignor.certifications.map((c: Json) => c.program.name).every((n: unknown) => typeof n === 'string' && n.length > 0)).toBe(true);
  });

  it('PUBLIC_CACHE_MS=0: every plan asks the registry', async () => {
    const uncached = await startTestStack({ publicCacheMs: 0 });
    try {
      const fetched = watchRegistry();
      const ask = async () =>
        expectNoErrors(
          await uncached.postBody<Json>({ documentId: id('ShipmentRecognition'), variables: { reference: 'DEMO-EU-US-0001' } }, { as: 'us-cbp-analyst' }),
        );
      expect(await ask()).toEqual(await ask());
      expect(fetched.filter((types) => types.includes('Program'))).toHaveLength(2);
      expect(uncached.gateway.entityCache.stats).toEqual({ hits: 0, misses: 0 });
    } finally {
      await uncached.stop();
    }
  });

  it('a mutation through the gateway empties it: the next plan asks the registry again', async () => {
    stack.gateway.entityCache.invalidate();
    const fetched = watchRegistry();
    await headline();
    // Any mutation: this one is refused (a proposal whose parties leave out the proposer), and still empties the caches.
    const refused = await stack.postBody<Json>(
      {
        documentId: id('ProposeAgreement'),
        variables: { input: { id: 'MRA-CACHE-X', title: 'x', signedOn: '2025-01-10', parties: [], directions: [], sources: [] } },
      },
      { as: 'kr-kcs-registrar' },
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    await headline();
    expect(fetched.filter((types) => types.includes('Program'))).toHaveLength(2);
  });
});
