/**
 * Compiled subgraph execution (graphql-jit, src/subgraphs/compiled-execution.ts) in the whole stack: every trusted
 * operation, for clients of different administrations (so need-to-know refusals are part of the answers), answers
 * exactly as the same stack with SUBGRAPH_EXECUTION=graphql-js; the compiled stack really ran compiled, with no fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

const manifest = buildManifest();
const idOf = (name: string) => `sha256:${manifest.operations.find((o) => o.name === name)!.id}`;

const CLIENTS = ['kr-kcs-analyst', 'us-cbp-analyst', 'br-rfb-analyst'];
const QUESTIONS: { operation: string; variables: Record<string, unknown> }[] = [
  ...[
    'DEMO-KR-CA-0001',
    'DEMO-EU-US-0001',
    'DEMO-KR-US-0001',
    'DEMO-KR-US-SUSPENDED',
    'DEMO-KR-BR-0001',
    'DEMO-MX-US-IVA',
    'DEMO-JP-GB-2021',
    'NO-SUCH-REF',
  ].map((reference) => ({ operation: 'ShipmentRecognition', variables: { reference } })),
  { operation: 'ShipmentsWithRecognition', variables: { first: 50 } },
  { operation: 'ShipmentsWithRecognition', variables: { first: 20, filter: { importingAdministration: 'US-CBP' } } },
  { operation: 'ShipmentsWithRecognition', variables: { first: 20, filter: { exportingAdministration: 'KR-KCS' } } },
  { operation: 'OperatorRecognition', variables: { id: 'OP-KR-DEMO-0001', asOf: '2024-03-15' } },
  { operation: 'OperatorRecognition', variables: { id: 'OP-MX-DEMO-0001' } },
  { operation: 'AgreementNetwork', variables: {} },
  { operation: 'CertificationChanges', variables: { since: '2000-01-01T00:00:00Z', first: 20 } },
];

let compiled: TestStack;
let interpreted: TestStack;
beforeAll(async () => {
  [compiled, interpreted] = await Promise.all([startTestStack({ subgraphExecution: 'compiled' }), startTestStack({ subgraphExecution: 'graphql-js' })]);
});
afterAll(async () => {
  await Promise.all([compiled?.stop(), interpreted?.stop()]);
});

describe('compiled subgraph execution in the stack', () => {
  it('answers every trusted operation for every client exactly as graphql-js does (data and errors), first run and compiled runs', async () => {
    for (const as of CLIENTS)
      for (const { operation, variables } of QUESTIONS) {
        const body = { documentId: idOf(operation), variables };
        const answer = async (stack: TestStack) => {
          const { status, body: json } = await stack.postBody(body, { as });
          return { status, json };
        };
        const expected = await answer(interpreted);
        for (let run = 1; run <= 3; run++) expect(await answer(compiled), `${as} ${operation} ${JSON.stringify(variables)} run ${run}`).toEqual(expected);
      }
    const stats = compiled.subgraphs.map((s) => ({ name: s.name, ...s.executionStats }));
    for (const s of stats.filter((x) => x.name !== 'audit')) expect(s.compiled, `${s.name} ran compiled`).toBeGreaterThan(0);
    expect(stats.map((s) => s.fallbacks)).toEqual(stats.map(() => 0));
    expect(interpreted.subgraphs.every((s) => s.executionStats.compiled === 0)).toBe(true);
  });
});
