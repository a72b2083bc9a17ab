/**
 * A subgraph that does not answer never turns into a finding. In the embedded stack (every subgraph in the
 * gateway's process), a subgraph is made to fail at its data source: the gateway's in-process call to it throws,
 * as a stopped service's connection would be refused. The answer that rests on it is UNDETERMINED (never
 * NOT_RECOGNIZED) with a FACTS_UNAVAILABLE finding naming the subgraph, and the subgraph's error is in `errors`.
 * The multi-process topology has the same test in test/system/topology.subgraph-down.test.ts.
 *
 * The shipment: DEMO-KR-BR-0001 (KR-AEO consignor, to Brazil); the stack records a Korea-Brazil arrangement in
 * force from 2024-01-01 through the API (proposed by KR-KCS, confirmed by BR-RFB) so that it is RECOGNIZED
 * whatever the curated register says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, startTestStack, type GraphQLResult, type TestStack } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

const manifest = buildManifest();
const REFERENCE = 'DEMO-KR-BR-0001';
const AGREEMENT = 'MRA-KR-BR-DOWN';
const BR_RECOGNIZES_KR = `${AGREEMENT}:BR-RFB<-KR-AEO`;

const trusted = (name: string, variables: Record<string, unknown>, as: string) =>
  stack.postBody<Record<string, { __typename: string }>>({ documentId: `sha256:${manifest.operations.find((o) => o.name === name)!.id}`, variables }, { as });

let stack: TestStack;
beforeAll(async () => {
  // In force from 2024-01-01: beyond the default retroactive window of 30 days, so this stack allows it.
  stack = await startTestStack({ agreements: { retroactiveWindowDays: 5000 } });
  const input = {
    id: AGREEMENT,
    title: 'Korea (KCS) - Brazil (RFB): AEO mutual recognition (subgraph-down test)',
    parties: [
      { administration: 'KR-KCS', program: 'KR-AEO' },
      { administration: 'BR-RFB', program: 'BR-OEA' },
    ],
    signedOn: '2023-11-01',
    inForceFrom: '2024-01-01',
    directions: [{ recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', benefits: ['REDUCED_EXAMINATIONS'] }],
    sources: ['https://example.org/kr-br-mra'],
  };
  expect(expectNoErrors(await trusted('ProposeAgreement', { input }, 'kr-kcs-registrar')).proposeAgreement.__typename).toBe('ProposeAgreementSuccess');
  const confirmed = await trusted('ConfirmAgreement', { input: { agreementId: AGREEMENT, reason: 'Confirmed by RFB' } }, 'br-rfb-registrar');
  expect(expectNoErrors(confirmed).confirmAgreement.__typename).toBe('ConfirmAgreementSuccess');
});
afterAll(() => stack?.stop());

/** Makes one in-process subgraph fail like a stopped service until the returned function is called. */
function stop(name: 'registry' | 'operators' | 'shipments'): () => void {
  const subgraph = stack.subgraphs.find((s) => s.name === name)!;
  const execute = subgraph.execute.bind(subgraph);
  subgraph.execute = () => Promise.reject(new Error(`connect ECONNREFUSED 127.0.0.1:4002 (${name} stopped)`));
  return () => {
    subgraph.execute = execute;
  };
}

type ConsignorRecognitions = { shipment: { consignor: { id: string; recognizedBy: { id: string }[] | null } | null } | null };
type Recognition = { outcome: string; findings: { code: string; message: string }[] } | null;
const recognitionQuery = `query($reference: ID!, $at: DateTime) {
  shipment(reference: $reference) { reference consignor { id } recognition(asRecordedAt: $at) { outcome findings { code message } } }
}`;
const ask = (asRecordedAt?: string) =>
  stack.post<{ shipment: { reference: string; recognition: Recognition } | null }>(
    recognitionQuery,
    { reference: REFERENCE, at: asRecordedAt ?? null },
    { as: 'kr-kcs-analyst' },
  );

function unavailable(result: GraphQLResult, subgraph: string) {
  return (result.body.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.subgraph === subgraph);
}

describe('in-process: a subgraph that does not answer', () => {
  it('the shipment is RECOGNIZED while every subgraph answers', async () => {
    expect(expectNoErrors(await ask()).shipment!.recognition!.outcome).toBe('RECOGNIZED');
  });

  it('Stopping any subgraph never turns a recognized shipment into NOT_RECOGNIZED', async () => {
    for (const name of ['operators', 'shipments', 'registry'] as const) {
      const restart = stop(name);
      try {
        const result = await ask();
        expect(result.status).toBe(200);
        const recognition = result.body.data?.shipment?.recognition ?? null;
        expect(recognition?.outcome, name).not.toBe('NOT_RECOGNIZED');
        expect(recognition?.outcome, name).not.toBe('RECOGNIZED');
        expect(unavailable(result, name).length, `${name}: ${JSON.stringify(result.body.errors)}`).toBeGreaterThan(0);
        expect(JSON.stringify(result.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:4002/);
      } finally {
        restart();
      }
    }
    expect(expectNoErrors(await ask()).shipment!.recognition!.outcome).toBe('RECOGNIZED');
  });

  it('operators down: UNDETERMINED with a FACTS_UNAVAILABLE finding naming the operators subgraph, and its error', async () => {
    const restart = stop('operators');
    try {
      for (const asRecordedAt of [undefined, new Date().toISOString()]) {
        const result = await ask(asRecordedAt);
        const recognition = result.body.data!.shipment!.recognition!;
        expect(recognition.outcome).toBe('UNDETERMINED');
        expect(recognition.findings.map((f) => f.code)).toEqual(['FACTS_UNAVAILABLE']);
        expect(recognition.findings[0].message).toMatch(/operators subgraph/);
        expect(recognition.findings[0].message).toMatch(/cannot be established/);
        expect(unavailable(result, 'operators').length).toBeGreaterThan(0);
      }
    } finally {
      restart();
    }
  });

  it('shipments down: the shipment itself cannot be fetched (null with the error), never an answer about it', async () => {
    const restart = stop('shipments');
    try {
      const result = await ask();
      expect(result.body.data?.shipment ?? null).toBeNull();
      expect(unavailable(result, 'shipments').length).toBeGreaterThan(0);
    } finally {
      restart();
    }
  });

  it('registry down: no recognition at all (null with the error)', async () => {
    const restart = stop('registry');
    try {
      const result = await ask();
      expect(result.body.data!.shipment!.reference).toBe(REFERENCE);
      expect(result.body.data!.shipment!.recognition).toBeNull();
      expect(unavailable(result, 'registry').length).toBeGreaterThan(0);
    } finally {
      restart();
    }
  });

  it('Operator.recognizedBy with operators down: an error, never an empty list that would read "recognized by none"', async () => {
    const query = `query($reference: ID!) { shipment(reference: $reference) { consignor { id recognizedBy(asOf: "2024-06-28") { id } } } }`;
    const up = expectNoErrors(await stack.post<ConsignorRecognitions>(query, { reference: REFERENCE }, { as: 'kr-kcs-analyst' }));
    expect(up.shipment!.consignor!.recognizedBy!.map((r) => r.id)).toContain(BR_RECOGNIZES_KR);
    const restart = stop('operators');
    try {
      const result = await stack.post<ConsignorRecognitions>(query, { reference: REFERENCE }, { as: 'kr-kcs-analyst' });
      const list = result.body.data?.shipment?.consignor?.recognizedBy ?? null;
      expect(list).toBeNull();
      expect(unavailable(result, 'operators').length).toBeGreaterThan(0);
    } finally {
      restart();
    }
  });
});
