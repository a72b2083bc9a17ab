/**
 * The embedded stack's in-process subgraph calls (src/gateway/datasources.ts, Subgraph.execute): the gateway
 * receives the subgraph's execution result object itself (no JSON serialization and parsing on the way),
 * through the same identity check and context creation as over HTTP, with the same answers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { expectNoErrors, startTestStack, type TestStack } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';
import { InProcessDataSource } from '../../src/gateway/datasources.js';
import { InternalSigner, VIEWER_HEADER } from '../../src/platform/internal-token.js';
import type { Subgraph, SubgraphOperation } from '../../src/subgraphs/subgraph.js';
import type { Viewer } from '../../src/platform/viewer.js';
import type { GatewayContext } from '../../src/gateway/context.js';

const manifest = buildManifest();
const trusted = (name: string, variables: Record<string, unknown>) =>
  stack.postBody({ documentId: `sha256:${manifest.operations.find((o) => o.name === name)!.id}`, variables }, { as: 'us-cbp-analyst' });

const US_CBP: Viewer = { clientId: 'us-cbp-analyst', administrationCode: 'US-CBP', kind: 'analyst', scopes: ['read'], recognizes: [] };
const BR_RFB: Viewer = { clientId: 'br-rfb-analyst', administrationCode: 'BR-RFB', kind: 'analyst', scopes: ['read'], recognizes: [] };
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { id name certifications { id } } } }';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const subgraph = (name: string): Subgraph => stack.subgraphs.find((s) => s.name === name)!;

/**
 * Watches JSON.parse and JSON.stringify for a subgraph exchange going through JSON: text with an `_entities`
 * answer or `representations` variables (only a subgraph request or answer has them: the API has neither), a
 * stringified in-process result object, or parsed text equal to one (checked by `roundTrips` at the end).
 */
function watchSubgraphJson(results: object[]) {
  const subgraphOnly = /"(_entities|representations)"/;
  const seen: string[] = [];
  const parsed: string[] = [];
  const { parse, stringify } = JSON;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    if (typeof text === 'string') {
      parsed.push(text.trim());
      if (subgraphOnly.test(text)) seen.push(`parse ${text.slice(0, 120)}`);
    }
    return parse(text, reviver);
  });
  vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
    const text = stringify(...args);
    if (results.includes(args[0] as object)) seen.push(`stringify of an in-process result ${String(text).slice(0, 120)}`);
    else if (typeof text === 'string' && subgraphOnly.test(text)) seen.push(`stringify ${text.slice(0, 120)}`);
    return text;
  });
  /** What went through JSON, once the watched requests are done (call after vi.restoreAllMocks()). */
  const roundTrips = () => {
    const texts = new Set(parsed);
    // As serialized: the object as it is, or in Apollo's order over HTTP (errors, data, extensions).
    const answers = new Set(
      results.flatMap((r) => {
        const { data, errors, extensions } = r as FormattedExecutionResult;
        return [JSON.stringify(r), JSON.stringify({ errors, data, extensions })];
      }),
    );
    return [...seen, ...[...answers].filter((a) => texts.has(a)).map((a) => `parse of an in-process result ${a.slice(0, 120)}`)];
  };
  return roundTrips;
}

/** Counts each subgraph's in-process calls and keeps their results. */
function watchCalls() {
  const calls: Record<string, number> = {};
  const results: object[] = [];
  for (const s of stack.subgraphs) {
    const execute = s.execute.bind(s);
    vi.spyOn(s, 'execute').mockImplementation(async (operation) => {
      calls[s.name] = (calls[s.name] ?? 0) + 1;
      const result = await execute(operation);
      results.push(result);
      return result;
    });
  }
  return { calls, results };
}

describe('in-process hand-over: no JSON round trip', () => {
  it('the headline and list questions: every subgraph is called in-process and nothing of theirs is serialized or parsed', async () => {
    const ask = async () => ({
      headline: (await trusted('ShipmentRecognition', { reference: 'DEMO-EU-US-0001' })).body.data as {
        shipment: { reference: string; consignor: { id: string }; recognition: { outcome: string } };
      },
      // A page of shipments: some consignors' certifications are not US-CBP's to see (FORBIDDEN at their path, need-to-know).
      list: (await trusted('ShipmentsWithRecognition', { first: 5 })).body.data as { shipments: { edges: unknown[] } },
    });
    // Warm: the document and query-plan caches estimate an entry's size with JSON.stringify once, on a miss.
    await ask();
    const { calls, results } = watchCalls();
    const roundTrips = watchSubgraphJson(results);
    const { headline, list } = await ask();
    vi.restoreAllMocks();
    expect(headline.shipment.reference).toBe('DEMO-EU-US-0001');
    expect(headline.shipment.recognition.outcome).toBe('RECOGNIZED');
    expect(list.shipments.edges).toHaveLength(5);
    // The plans reach all three subgraphs, with entity fetches (root fetch, then _entities on operators and registry).
    expect(calls.shipments).toBeGreaterThanOrEqual(2);
    expect(calls.operators).toBeGreaterThanOrEqual(2);
    expect(calls.registry).toBeGreaterThanOrEqual(2);
    expect(results).toHaveLength(calls.shipments + calls.operators + calls.registry);
    expect(roundTrips()).toEqual([]);
  });

  it('the watch sees a subgraph answer that goes through JSON', async () => {
    const token = await stack.signer.sign(US_CBP);
    const operators = subgraph('operators');
    const operation = { query: ENTITIES, variables: { r: [{ __typename: 'Operator', id: 'OP-EU-DEMO-0003' }] } };
    // Over the subgraph's HTTP pipeline.
    let roundTrips = watchSubgraphJson([]);
    const response = await operators.handle({
      method: 'POST',
      headers: new HeaderMap([
        ['content-type', 'application/json'],
        [VIEWER_HEADER, token],
      ]),
      search: '',
      body: operation,
    });
    vi.restoreAllMocks();
    expect(response.body.kind).toBe('complete');
    expect(roundTrips().some((s) => s.startsWith('stringify'))).toBe(true);
    // In-process, then through JSON as the former data source did (JSON.parse of the serialized answer).
    const { results } = watchCalls();
    roundTrips = watchSubgraphJson(results);
    const copy = JSON.parse(JSON.stringify(await operators.execute({ ...operation, viewerToken: token }))) as FormattedExecutionResult;
    vi.restoreAllMocks();
    expect(copy.data).toBeTruthy();
    expect(roundTrips().filter((s) => s.startsWith('parse of an in-process result'))).toHaveLength(1);
  });

  it("the data source returns the very object the subgraph's request pipeline produced", async () => {
    const executeOperation = vi.spyOn(ApolloServer.prototype, 'executeOperation');
    const source = new InProcessDataSource(subgraph('operators'));
    // What @apollo/gateway passes for a fetch (the incoming request's context carries the signed viewer token).
    const options = {
      kind: 'incoming operation',
      request: { query: ENTITIES, variables: { r: [{ __typename: 'Operator', id: 'OP-EU-DEMO-0003' }] } },
      context: { internalToken: await stack.signer.sign(US_CBP) },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    const answer = await source.process(options);
    expect(executeOperation).toHaveBeenCalledTimes(1);
    const response = await executeOperation.mock.results[0].value;
    expect(response.body.kind).toBe('single');
    expect(answer).toBe(response.body.kind === 'single' ? response.body.singleResult : undefined);
    expect((answer.data as { _entities: { id: string }[] })._entities[0].id).toBe('OP-EU-DEMO-0003');
  });

  it('answers do not change when asked again: what the gateway merges into a handed-over result never reaches the subgraphs', async () => {
    const ask = async () => [
      expectNoErrors(await trusted('ShipmentRecognition', { reference: 'DEMO-EU-US-0001' })),
      (await trusted('ShipmentsWithRecognition', { first: 5 })).body,
      expectNoErrors(await stack.post('{ programs { code recognizedBy { id recognizingAdministration { code } benefits { code } } } }')),
    ];
    const first = await ask();
    expect(await ask()).toEqual(first);
  });
});

describe('in-process calls are as strict as HTTP calls, and answer the same', () => {
  /** The same operation through the subgraph's HTTP pipeline (parsed) and in-process (as JSON would carry it). */
  async function both(name: string, operation: SubgraphOperation) {
    const s = subgraph(name);
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (operation.viewerToken) headers.set(VIEWER_HEADER, operation.viewerToken);
    const response = await s.handle({
      method: 'POST',
      headers,
      search: '',
      body: { query: operation.query, ...(operation.variables ? { variables: operation.variables } : {}) },
    });
    const overHttp = JSON.parse(response.body.kind === 'complete' ? response.body.string : '{}') as FormattedExecutionResult;
    const inProcess = JSON.parse(JSON.stringify(await s.execute(operation))) as FormattedExecutionResult;
    expect(inProcess).toEqual(overHttp);
    return { inProcess, status: response.status ?? 200 };
  }

  const refused = [{ message: 'This service only answers the customs gateway.', extensions: { code: 'UNAUTHENTICATED' } }];

  it('without a viewer token, with a token signed with another secret, or a malformed one: UNAUTHENTICATED (HTTP 401 over HTTP), no data', async () => {
    const forged = await new InternalSigner('another secret, at least thirty-two characters').sign(US_CBP);
    for (const name of ['registry', 'operators', 'shipments']) {
      for (const viewerToken of [undefined, forged, 'not-a-token']) {
        const { inProcess, status } = await both(name, { query: '{ _service { sdl } }', viewerToken });
        expect(status).toBe(401);
        expect(inProcess).toEqual({ errors: refused });
      }
    }
    // _entities too (the path that bypasses root fields).
    const { inProcess } = await both('operators', { query: ENTITIES, variables: { r: [{ __typename: 'Operator', id: 'OP-EU-DEMO-0003' }] } });
    expect(inProcess).toEqual({ errors: refused });
  });

  it('a valid token: the same data, and the same need-to-know refusal for an administration that may not see the certifications', async () => {
    const variables = { r: [{ __typename: 'Operator', id: 'OP-KR-DEMO-0001' }] };
    const owner = await both('operators', {
      query: ENTITIES,
      variables,
      viewerToken: await stack.signer.sign({ ...US_CBP, clientId: 'kr-kcs-analyst', administrationCode: 'KR-KCS' }),
    });
    expect(owner.inProcess.errors).toBeUndefined();
    expect((owner.inProcess.data as { _entities: { id: string }[] })._entities[0].id).toBe('OP-KR-DEMO-0001');
    const other = await both('operators', { query: ENTITIES, variables, viewerToken: await stack.signer.sign(BR_RFB) });
    expect(other.inProcess.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(other.inProcess)).not.toMatch(/CERT-OP-KR-DEMO-0001/);
  });

  it('an invalid operation: the same validation error', async () => {
    const { inProcess } = await both('registry', { query: '{ programs { noSuchField } }', viewerToken: await stack.signer.sign(US_CBP) });
    expect(inProcess.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
