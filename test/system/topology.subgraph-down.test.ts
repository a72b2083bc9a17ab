/**
 * Subgraph down in the production topology: four processes (three subgraph services and the gateway, started as
 * `npm start -- --only <part>`), one service killed at a time. An answer that rests on a subgraph that did not
 * answer is UNDETERMINED, never a confident NOT_RECOGNIZED: the registry answers FACTS_UNAVAILABLE naming the
 * subgraph, and the gateway's SUBGRAPH_UNAVAILABLE error naming it is in `errors`. The embedded topology has the
 * same test in test/integration/recognition.subgraph-down.test.ts.
 *
 * The shipment: DEMO-KR-BR-0001 (KR-AEO consignor, to Brazil); a Korea-Brazil arrangement in force from 2024-01-01
 * is recorded through the gateway first (proposed by KR-KCS, confirmed by BR-RFB), so that it is RECOGNIZED whatever
 * the curated register says.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, stopService, type Service } from '../support/processes.js';
import { devIssuerKeyFile } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { mintDevToken } from '../../src/gateway/identity/issuers.js';
import { buildManifest } from '../../src/gateway/documents.js';

const REFERENCE = 'DEMO-KR-BR-0001';
const AGREEMENT = 'MRA-KR-BR-TOPOLOGY';
const BR_RECOGNIZES_KR = `${AGREEMENT}:BR-RFB<-KR-AEO`;
const secret = randomUUID() + randomUUID();
const manifest = buildManifest();
const documentId = (name: string) => `sha256:${manifest.operations.find((o) => o.name === name)!.id}`;
type Name = 'registry' | 'operators' | 'shipments';

let env: Record<string, string>;
const services = {} as Record<Name, Service>;
let gateway: Service;
let database: TestDatabase;
const tokens: Record<string, string> = {};

/** What the tests read of the answers. */
type Data = {
  proposeAgreement?: { __typename: string };
  confirmAgreement?: { __typename: string };
  shipment?: {
    reference: string;
    consignor: { id: string; recognizedBy?: { id: string }[] | null } | null;
    recognition?: { outcome: string; findings: { code: string; message: string }[] } | null;
  } | null;
};

async function post(body: unknown, as = 'kr-kcs-analyst') {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[as]}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: (await res.json()) as { data?: Data; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const recognitionQuery = `query($reference: ID!) {
  shipment(reference: $reference) { reference consignor { id } recognition { outcome findings { code message } } }
}`;
const ask = () => post({ query: recognitionQuery, variables: { reference: REFERENCE } });
const outcome = async () => (await ask()).body.data?.shipment?.recognition?.outcome ?? null;
const unavailable = (body: { errors?: { extensions?: Record<string, unknown> }[] }, subgraph: string) =>
  (body.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.subgraph === subgraph);

/** Polls (bounded) until the check holds: a restarted service is reachable again once the breaker lets a trial through. */
async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills one subgraph service, runs `during`, then starts it again on the same port and waits for RECOGNIZED. */
async function whileDown(name: Name, during: () => Promise<void>) {
  await stopService(services[name]);
  try {
    await during();
  } finally {
    services[name] = await startService(name, env, services[name].port);
    await until(async () => (await outcome()) === 'RECOGNIZED');
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    DATABASE_URL: database.url,
    INTERNAL_SECRET: secret,
    DEV_ISSUER_KEY_FILE: devIssuerKeyFile,
    SUBGRAPH_TIMEOUT_MS: '5000',
    REQUEST_DEADLINE_MS: '10000',
    BREAKER_COOLDOWN_MS: '300',
    SHUTDOWN_GRACE_MS: '0',
    // In force from 2024-01-01: beyond the default retroactive window of 30 days.
    AGREEMENT_RETROACTIVE_DAYS: '5000',
  };
  // One after the other: on a busy machine, three cold starts at once can exceed startService's bound.
  for (const name of ['registry', 'operators', 'shipments'] as const) services[name] = await startService(name, env);
  const { registry, operators, shipments } = services;
  gateway = await startService('gateway', {
    ...env,
    REGISTRY_URL: `${registry.url}/graphql`,
    OPERATORS_URL: `${operators.url}/graphql`,
    SHIPMENTS_URL: `${shipments.url}/graphql`,
  });
  for (const [clientId, administration, scopes] of [
    ['kr-kcs-analyst', 'KR-KCS', ['read']],
    ['kr-kcs-registrar', 'KR-KCS', ['read', 'write']],
    ['br-rfb-registrar', 'BR-RFB', ['read', 'write']],
  ] as const) {
    tokens[clientId] = await mintDevToken(devIssuerKeyFile, { clientId, administration, scopes: [...scopes], audience: 'customs-gateway' });
  }
  const input = {
    id: AGREEMENT,
    title: 'Korea (KCS) - Brazil (RFB): AEO mutual recognition (topology test)',
    parties: [
      { administration: 'KR-KCS', program: 'KR-AEO' },
      { administration: 'BR-RFB', program: 'BR-OEA' },
    ],
    signedOn: '2023-11-01',
    inForceFrom: '2024-01-01',
    directions: [{ recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', benefits: ['REDUCED_EXAMINATIONS'] }],
    sources: ['https://example.org/kr-br-mra'],
  };
  const proposed = await post({ documentId: documentId('ProposeAgreement'), variables: { input } }, 'kr-kcs-registrar');
  expect(proposed.body.errors).toBeUndefined();
  expect(proposed.body.data!.proposeAgreement!.__typename).toBe('ProposeAgreementSuccess');
  const confirmed = await post(
    { documentId: documentId('ConfirmAgreement'), variables: { input: { agreementId: AGREEMENT, reason: 'Confirmed by RFB' } } },
    'br-rfb-registrar',
  );
  expect(confirmed.body.errors).toBeUndefined();
  expect(confirmed.body.data!.confirmAgreement!.__typename).toBe('ConfirmAgreementSuccess');
}, 120_000);

afterAll(async () => {
  await Promise.all([gateway, ...Object.values(services)].map(stopService));
  await database?.drop();
});

describe('four processes, one subgraph service killed at a time', () => {
  it('the shipment is RECOGNIZED while every service answers', async () => {
    const { body } = await ask();
    expect(body.errors).toBeUndefined();
    expect(body.data!.shipment!.recognition!.outcome).toBe('RECOGNIZED');
  });

  it('Stopping any subgraph never turns a recognized shipment into NOT_RECOGNIZED', async () => {
    for (const name of ['operators', 'shipments', 'registry'] as const) {
      await whileDown(name, async () => {
        const { status, body } = await ask();
        expect(status, name).toBe(200);
        const recognition = body.data?.shipment?.recognition ?? null;
        expect(recognition?.outcome, name).not.toBe('NOT_RECOGNIZED');
        expect(recognition?.outcome, name).not.toBe('RECOGNIZED');
        expect(unavailable(body, name).length, `${name}: ${JSON.stringify(body.errors)}`).toBeGreaterThan(0);
        expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|socket/);
      });
    }
  }, 120_000);

  it('operators down: UNDETERMINED, a FACTS_UNAVAILABLE finding naming the operators subgraph, and its error', async () => {
    await whileDown('operators', async () => {
      const { body } = await ask();
      expect(body.data!.shipment!.reference).toBe(REFERENCE);
      const recognition = body.data!.shipment!.recognition!;
      expect(recognition.outcome).toBe('UNDETERMINED');
      expect(recognition.findings.map((f) => f.code)).toEqual(['FACTS_UNAVAILABLE']);
      expect(recognition.findings[0].message).toMatch(/operators subgraph/);
      expect(unavailable(body, 'operators').length).toBeGreaterThan(0);

      // Operator.recognizedBy (through the shipment's consignor): never an empty list that reads "recognized by none".
      const { body: byOperator } = await post({
        query: `query($reference: ID!) { shipment(reference: $reference) { consignor { id recognizedBy(asOf: "2024-06-28") { id } } } }`,
        variables: { reference: REFERENCE },
      });
      expect(byOperator.data?.shipment?.consignor?.recognizedBy ?? null).toBeNull();
      expect(unavailable(byOperator, 'operators').length).toBeGreaterThan(0);
    });
    const { body } = await post({
      query: `query($reference: ID!) { shipment(reference: $reference) { consignor { id recognizedBy(asOf: "2024-06-28") { id } } } }`,
      variables: { reference: REFERENCE },
    });
    expect(body.data!.shipment!.consignor!.recognizedBy!.map((r) => r.id)).toContain(BR_RECOGNIZES_KR);
  }, 60_000);

  it('shipments down: the shipment itself cannot be fetched (null with the error)', async () => {
    await whileDown('shipments', async () => {
      const { body } = await ask();
      expect(body.data?.shipment ?? null).toBeNull();
      expect(unavailable(body, 'shipments').length).toBeGreaterThan(0);
    });
  }, 60_000);

  it('registry down: no recognition at all (null with the error)', async () => {
    await whileDown('registry', async () => {
      const { body } = await ask();
      expect(body.data!.shipment!.reference).toBe(REFERENCE);
      expect(body.data!.shipment!.recognition).toBeNull();
      expect(unavailable(body, 'registry').length).toBeGreaterThan(0);
    });
  }, 60_000);
});
