/**
 * Each entity asked of a subgraph once per fetch (src/gateway/distinct-representations.ts), through the gateway:
 * a page of shipments names some consignors several times, and some consignors' certifications are refused to the
 * caller (need-to-know). The operators subgraph is asked for each consignor once, and every shipment's consignor,
 * with its refusal, is what the same caller gets asking for that shipment alone.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack, type Json, type TestStack } from '../support/stack.js';
import type { SubgraphOperation } from '../../src/subgraphs/subgraph.js';

const CONSIGNOR = 'consignor { id name roles certifications { id status program { code name } } }';
const PAGE = `query($first: Int!) { shipments(first: $first) { edges { node { reference ${CONSIGNOR} } } } }`;
const ONE = `query($reference: ID!) { shipment(reference: $reference) { reference ${CONSIGNOR} } }`;
const CLIENT = 'kr-kcs-analyst';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('entity representations', () => {
  it('a page naming a consignor several times asks the operators subgraph once for it, and each shipment gets what it would alone', async () => {
    const operators = stack.subgraphs.find((s) => s.name === 'operators')!;
    const sent: unknown[][] = [];
    const execute = operators.execute.bind(operators);
    const spy = vi.spyOn(operators, 'execute').mockImplementation((operation: SubgraphOperation) => {
      const representations = operation.variables?.representations;
      if (Array.isArray(representations)) sent.push(representations);
      return execute(operation);
    });
    let page: { status: number; body: { data?: Json; errors?: Json[] } };
    try {
      page = await stack.post<Json>(PAGE, { first: 60 }, { as: CLIENT });
    } finally {
      spy.mockRestore();
    }
    expect(page.status, JSON.stringify(page.body.errors)).toBe(200);
    const edges = page.body.data!.shipments.edges as { node: { reference: string; consignor: { id: string } } }[];
    const consignors = edges.map((e) => e.node.consignor.id);
    const distinct = new Set(consignors);
    const refused = (errors: Json[] | undefined) => (errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
    // What this test is about must be on the page: repeated consignors, and consignors the caller may not see in full.
    expect(distinct.size).toBeLessThan(consignors.length);
    expect(refused(page.body.errors).length).toBeGreaterThan(0);

    // The consignors' fetch carried each consignor once.
    const consignorFetch = sent.find((representations) => representations.some((r) => (r as { __typename: string }).__typename === 'Operator'))!;
    expect(consignorFetch.map((r) => (r as { id: string }).id).sort()).toEqual([...distinct].sort());
    for (const representations of sent) expect(new Set(representations.map((r) => JSON.stringify(r))).size).toBe(representations.length);

    // Every shipment: the consignor and the refusal it gets alone, at its own index on the page.
    const refusedOnPage = new Set(refused(page.body.errors).map((e) => JSON.stringify(e.path)));
    const expectedRefusals = new Set<string>();
    for (const [i, { node }] of edges.entries()) {
      const alone = await stack.post<Json>(ONE, { reference: node.reference }, { as: CLIENT });
      expect(node.consignor, node.reference).toEqual(alone.body.data!.shipment.consignor);
      for (const error of refused(alone.body.errors)) {
        expect(error.path.slice(0, 2)).toEqual(['shipment', 'consignor']);
        expectedRefusals.add(JSON.stringify(['shipments', 'edges', i, 'node', ...error.path.slice(1)]));
      }
    }
    expect(refusedOnPage).toEqual(expectedRefusals);
    expect(refused(page.body.errors)).toHaveLength(expectedRefusals.size); // once per occurrence, no more
  });
});
