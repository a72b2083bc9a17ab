/** The headline question, end to end: real gateway over HTTP on port 0, real database, the demo shipments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { operation } from '../support/operations.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const headline = operation('ShipmentRecognition');
type Recognition = {
  outcome: string;
  recognized: boolean;
  asOf: string;
  asOfBasis: string;
  importingAdministration: { code: string } | null;
  recognitions: { recognizingAdministration: { code: string }; agreement: { id: string }; benefits: { code: string }[] }[];
  benefits: { code: string; name: string }[];
  findings: { code: string; message: string }[];
};
/** Korean shipments are visible to KR-KCS (exporting), EU–US ones to US-CBP (importing). */
const recognitionOf = async (reference: string) =>
  expectNoErrors(
    await stack.post<{ shipment: { departedOn: string; recognition: Recognition } }>(
      headline,
      { reference },
      { as: reference.startsWith('DEMO-KR') ? 'kr-kcs-analyst' : 'us-cbp-analyst' },
    ),
  ).shipment;

describe('shipment recognition at destination', () => {
  it('DEMO-KR-US-0001: US-Korea has no documented date of application, so the answer is UNDETERMINED (not a guess)', async () => {
    const shipment = await recognitionOf('DEMO-KR-US-0001');
    const r = shipment.recognition;
    expect(r.outcome).toBe('UNDETERMINED');
    expect(r.recognized).toBe(false);
    expect(r.asOf).toBe('2024-03-29'); // the arrival date: no import declaration is recorded
    expect(r.asOfBasis).toBe('ARRIVAL');
    expect(r.importingAdministration!.code).toBe('US-CBP');
    expect(r.recognitions).toEqual([]);
    expect(r.benefits).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['EFFECTIVE_DATE_UNKNOWN', 'EVALUATED_ON_ARRIVAL']);
  });

  it('DEMO-KR-CA-0001: a certified Korean AEO exporter is recognized by CA-CBSA (from 2015-11-01), with border benefits', async () => {
    const r = (await recognitionOf('DEMO-KR-CA-0001')).recognition;
    expect(r.outcome).toBe('RECOGNIZED');
    expect(r.recognized).toBe(true);
    expect(r).toMatchObject({ asOf: '2024-04-16', asOfBasis: 'IMPORT_DECLARATION', importingAdministration: { code: 'CA-CBSA' } });
    expect(r.recognitions.map((x) => x.agreement.id)).toEqual(['MRA-KR-CA']);
    expect(r.benefits.map((b) => b.code).sort()).toEqual(['PRIORITY_CLEARANCE', 'REDUCED_EXAMINATIONS']);
    expect(r.findings.map((f) => f.code)).toEqual(['RECOGNIZED']);
  });

  it('DEMO-KR-US-SUSPENDED: a certification suspended before departure is not recognized', async () => {
    const r = (await recognitionOf('DEMO-KR-US-SUSPENDED')).recognition;
    expect(r.recognized).toBe(false);
    expect(r.benefits).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('CERTIFICATION_SUSPENDED');
    expect(r.findings.find((f) => f.code === 'CERTIFICATION_SUSPENDED')!.message).toMatch(/suspended/);
  });

  it('DEMO-KR-US-2009: a shipment before the US–Korea MRA is not recognized', async () => {
    const r = (await recognitionOf('DEMO-KR-US-2009')).recognition;
    expect(r.recognized).toBe(false);
    expect(r.asOf).toBe('2009-12-15');
    expect(r.outcome).toBe('NOT_RECOGNIZED');
    expect(r.findings.map((f) => f.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^(NO_AGREEMENT|AGREEMENT_NOT_IN_FORCE)$/)]));
  });

  it("DEMO-KR-BR-0001: no Korea-Brazil arrangement recorded, but BR-RFB's list is not known complete: UNDETERMINED, not a closed-world no", async () => {
    const r = (await recognitionOf('DEMO-KR-BR-0001')).recognition;
    expect(r.recognized).toBe(false);
    expect(r.outcome).toBe('UNDETERMINED');
    expect(r.findings.map((f) => f.code)).toEqual(['REGISTER_COVERAGE_UNKNOWN', 'EVALUATED_ON_ARRIVAL']);
    expect(r.findings[0].message).toContain('BR-RFB');
    expect(r.findings[0].message).toContain('not proof');
  });

  it('DEMO-JP-GB-2021: GB-HMRC has no recorded arrangement with Japan and its register is not known complete: UNDETERMINED (REGISTER_COVERAGE_UNKNOWN)', async () => {
    const shipment = expectNoErrors(
      await stack.post<{ shipment: { recognition: Recognition } }>(headline, { reference: 'DEMO-JP-GB-2021' }, { as: 'jp-jctb-analyst' }),
    ).shipment;
    const r = shipment.recognition;
    expect(r).toMatchObject({ outcome: 'UNDETERMINED', recognized: false, asOf: '2021-01-19', importingAdministration: { code: 'GB-HMRC' } });
    expect(r.findings.map((f) => f.code)).toEqual(['REGISTER_COVERAGE_UNKNOWN', 'CUSTOMS_UNION_NON_MEMBER']);
  });

  it('DEMO-EU-US-AEOC and DEMO-EU-US-BROKER: tier and role scoping', async () => {
    const tier = (await recognitionOf('DEMO-EU-US-AEOC')).recognition;
    expect(tier.recognized).toBe(false);
    expect(tier.findings.map((f) => f.code)).toContain('TIER_NOT_ELIGIBLE');
    const role = (await recognitionOf('DEMO-EU-US-BROKER')).recognition;
    expect(role.recognized).toBe(false);
    expect(role.findings.map((f) => f.code)).toContain('ROLE_NOT_COVERED');
  });
});

describe('registry and operators through the gateway', () => {
  it('lists administrations and programmes with their sources', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
      administration(code: "US-CBP") { code name programs { code tiers { code rank } } sources { url } }
      program(code: "KR-AEO") { code administration { code } tiers { code } roles }
    }`),
    );
    expect(data.administration.code).toBe('US-CBP');
    expect(data.administration.programs.map((p: Json) => p.code)).toContain('US-CTPAT');
    expect(data.administration.sources.length).toBeGreaterThan(0);
    expect(data.program.administration.code).toBe('KR-KCS');
    expect(data.program.tiers.map((t: Json) => t.code)).toEqual(['A', 'AA', 'AAA']);
  });

  it('gives the US–Korea MRA with directions, dates and the date policy made explicit', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
      agreement(id: "MRA-US-KR") { id signedOn signedAsReported inForceFrom inForceBasis status(asOf: "2024-01-01")
        parties { administration { code } program { code } }
        recognitions { recognizingAdministration { code } recognizedProgram { code } effectiveFrom effectiveBasis benefits { code } } }
    }`),
    );
    const mra = data.agreement;
    expect(mra.signedOn).toBe('2010-06-25');
    expect(mra.signedAsReported).toMatch(/2010-06-25/);
    expect(mra.status).toBe('SIGNED'); // no documented date of application (prisma/seed/VERIFICATION.md)
    expect(mra.inForceFrom).toBeNull();
    expect(mra.inForceBasis).toBe('UNKNOWN');
    expect(mra.parties.map((p: Json) => p.administration.code).sort()).toEqual(['KR-KCS', 'US-CBP']);
    const usRecognizesKr = mra.recognitions.find((r: Json) => r.recognizingAdministration.code === 'US-CBP');
    expect(usRecognizesKr.recognizedProgram.code).toBe('KR-AEO');
    expect(usRecognizesKr.benefits.length).toBeGreaterThan(0);
  });

  it('answers Program.recognizedBy and Operator.recognizedBy on a date', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(
        `{
      program(code: "KR-AEO") { before: recognizedBy(asOf: "2009-01-01") { id } after: recognizedBy(asOf: "2024-03-15") { recognizingAdministration { code } } }
      operator(id: "OP-KR-DEMO-0001") { id recognizedBy(asOf: "2024-03-15") { recognizingAdministration { code } agreement { id } } }
    }`,
        undefined,
        { as: 'kr-kcs-analyst' }, // the operator's own administration may see its certifications
      ),
    );
    expect(data.program.before).toEqual([]);
    expect(data.program.after.map((r: Json) => r.recognizingAdministration.code)).toContain('CA-CBSA');
    expect(data.program.after.map((r: Json) => r.recognizingAdministration.code)).not.toContain('US-CBP'); // undated: not "in force"
    expect(data.operator.recognizedBy.map((r: Json) => r.recognizingAdministration.code)).toContain('CA-CBSA');
  });

  it('filters agreements by administration and date', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
      early: agreements(filter: { administration: "US-CBP", inForceOn: "2008-01-01" }) { id }
      all: agreements(filter: { administration: "US-CBP" }) { id }
    }`),
    );
    expect(data.all.length).toBeGreaterThan(data.early.length);
    expect(data.all.map((a: Json) => a.id)).toContain('MRA-US-KR');
    expect(data.early.map((a: Json) => a.id)).not.toContain('MRA-US-KR');
  });

  it('pages operators and shipments with opaque cursors', async () => {
    const page1 = expectNoErrors(
      await stack.post<Json>(`{ shipments(first: 5) { totalCount edges { cursor node { reference departedOn } } pageInfo { hasNextPage endCursor } } }`),
    ).shipments;
    expect(page1.edges).toHaveLength(5);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = expectNoErrors(
      await stack.post<Json>(`query($after: String) { shipments(first: 5, after: $after) { edges { node { reference departedOn } } } }`, {
        after: page1.pageInfo.endCursor,
      }),
    ).shipments;
    const first = page1.edges.map((e: Json) => e.node.reference);
    const second = page2.edges.map((e: Json) => e.node.reference);
    expect(second.filter((r: string) => first.includes(r))).toEqual([]);
    expect(page2.edges[0].node.departedOn <= page1.edges[4].node.departedOn).toBe(true);

    const ops = expectNoErrors(
      await stack.post<Json>(
        `{ operators(first: 3, filter: { administration: "KR-KCS" }) { totalCount edges { node { id administration { code } synthetic } } } }`,
      ),
    ).operators;
    expect(ops.edges).toHaveLength(3);
    expect(ops.edges.every((e: Json) => e.node.administration.code === 'KR-KCS')).toBe(true);
  });
});

describe('bad input gets clear errors with stable codes', () => {
  it('unknown shipment reference: NOT_FOUND', async () => {
    const result = await stack.post(headline, { reference: 'NO-SUCH-SHIPMENT' });
    expect(result.status).toBe(200);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.body.errors![0].message).toMatch(/NO-SUCH-SHIPMENT/);
  });

  it('malformed date in a variable: BAD_USER_INPUT before execution', async () => {
    const result = await stack.post(`query($d: Date) { program(code: "KR-AEO") { recognizedBy(asOf: $d) { id } } }`, { d: '2024-02-30' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.data).toBeUndefined();
  });

  it('malformed date literal: GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await stack.post(`{ program(code: "KR-AEO") { recognizedBy(asOf: "15/03/2024") { id } } }`);
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.body.errors![0].message).toMatch(/YYYY-MM-DD/);
  });

  it('first: 1000 is refused with BAD_USER_INPUT', async () => {
    const result = await stack.post(`{ shipments(first: 1000) { edges { node { reference } } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors![0].message).toMatch(/at most|between 0 and 100/);
  });

  it('a forged cursor is refused with BAD_USER_INPUT', async () => {
    const result = await stack.post(`{ operators(first: 2, after: "bm9wZQ") { edges { node { id } } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('unknown codes in single lookups: NOT_FOUND', async () => {
    const result = await stack.post(`{ program(code: "XX-NONE") { code } }`);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('the gateway itself', () => {
  it('serves no landing page that loads from the internet', async () => {
    const res = await fetch(stack.graphqlUrl, { headers: { accept: 'text/html' } });
    const text = await res.text();
    expect(text).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)/);
  });

  it('has Apollo telemetry switched off in code', () => {
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
  });

  it('answers /health and /ready', async () => {
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect((await fetch(`${stack.url}/ready`)).status).toBe(200);
  });
});

describe('register coverage through the gateway', () => {
  let covered: TestStack;
  beforeAll(async () => {
    covered = await startTestStack();
    // Declared before the registry's first read (its snapshot loads on first use): BR-RFB's list complete up to 2030.
    await covered.db.registerCoverage.create({
      data: {
        administrationCode: 'BR-RFB',
        completeAsOf: '2030-01-01',
        verificationLevel: 'OFFICIAL',
        sourceUrls: 'https://example.org/rfb-mra-list',
        note: 'test: BR-RFB declared complete',
      },
    });
  });
  afterAll(() => covered?.stop());

  it('DEMO-KR-BR-0001 with BR-RFB declared complete on the date that counts: NOT_RECOGNIZED (NO_AGREEMENT, established)', async () => {
    const r = expectNoErrors(
      await covered.post<{ shipment: { recognition: { outcome: string; recognized: boolean; findings: { code: string; kind: string; message: string }[] } } }>(
        '{ shipment(reference: "DEMO-KR-BR-0001") { recognition { outcome recognized findings { code kind message } } } }',
        undefined,
        { as: 'kr-kcs-analyst' },
      ),
    ).shipment.recognition;
    expect(r).toMatchObject({ outcome: 'NOT_RECOGNIZED', recognized: false });
    expect(r.findings.map((f) => [f.code, f.kind])).toEqual([
      ['NO_AGREEMENT', 'ESTABLISHED'],
      ['EVALUATED_ON_ARRIVAL', 'NOTE'],
    ]);
  });
});
