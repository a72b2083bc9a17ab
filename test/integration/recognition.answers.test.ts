/**
 * Recognition answers a border officer can act on, end to end: the gateway over HTTP on port 0, a real
 * database seeded with the demo shipments (prisma/seed/demo.ts). Each demo shipment exercises one rule; the
 * test asserts its outcome, the date that counts, the importing administration on that date and the finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { operation } from '../support/operations.js';
import { DEMO_SHIPMENTS } from '../../prisma/seed/demo.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

interface Answer {
  outcome: 'RECOGNIZED' | 'NOT_RECOGNIZED' | 'UNDETERMINED';
  recognized: boolean;
  asOf: string;
  asOfBasis: string;
  importingAdministration: { code: string } | null;
  recognitions: { id: string }[];
  undeterminedRecognitions: { id: string }[];
  benefits: { code: string; scope: string }[];
  programmeBenefits: { code: string; scope: string }[];
  findings: { code: string; kind: string; message: string }[];
}

/** The administration that may see a demo shipment (its exporting or importing administration). */
function viewerOf(reference: string): string {
  if (reference.startsWith('DEMO-KR')) return 'kr-kcs-analyst';
  if (reference.startsWith('DEMO-JP')) return 'jp-jctb-analyst';
  if (reference.startsWith('DEMO-MX')) return 'mx-sat-analyst';
  return 'us-cbp-analyst';
}

const headline = operation('ShipmentRecognition');
async function answerOf(reference: string): Promise<Answer> {
  const data = expectNoErrors(await stack.post<{ shipment: { recognition: Answer } }>(headline, { reference }, { as: viewerOf(reference) }));
  return data.shipment.recognition;
}

describe('every demo shipment answers as documented (prisma/seed/demo.ts, docs/recognition.md)', () => {
  for (const demo of DEMO_SHIPMENTS) {
    it(`${demo.reference}: ${demo.expected.outcome} (${demo.expected.finding})`, async () => {
      const r = await answerOf(demo.reference);
      expect(r.outcome).toBe(demo.expected.outcome);
      expect(r.recognized).toBe(demo.expected.outcome === 'RECOGNIZED');
      expect(r.asOf).toBe(demo.expected.asOf);
      expect(r.importingAdministration?.code ?? '').toBe(demo.expected.importingAdministration);
      expect(r.findings.map((f) => f.code)).toContain(demo.expected.finding);
      if (demo.expected.outcome === 'RECOGNIZED') {
        expect(r.recognitions.map((x) => x.id)).toContain(demo.expected.recognitionId);
        expect(r.findings[0].kind).toBe('RESULT');
      } else {
        expect(r.recognitions).toEqual([]);
        expect(r.benefits).toEqual([]);
      }
      if (demo.expected.outcome === 'UNDETERMINED') expect(r.findings.some((f) => f.kind === 'UNKNOWN')).toBe(true);
      if (demo.expected.outcome === 'NOT_RECOGNIZED') expect(r.findings.some((f) => f.kind === 'ESTABLISHED')).toBe(true);
    });
  }
});

describe('the date that counts', () => {
  it('declared after the MRA applied although departed before it: recognized on the declaration date', async () => {
    const r = await answerOf('DEMO-KR-CA-2015');
    expect(r).toMatchObject({ outcome: 'RECOGNIZED', asOf: '2015-11-02', asOfBasis: 'IMPORT_DECLARATION' });
  });

  it('no declaration recorded: evaluated on the arrival date, with a note that says so', async () => {
    const r = await answerOf('DEMO-KR-US-SUSPENDED');
    expect(r).toMatchObject({ asOf: '2024-02-15', asOfBasis: 'ARRIVAL' });
    const note = r.findings.find((f) => f.code === 'EVALUATED_ON_ARRIVAL')!;
    expect(note.kind).toBe('NOTE');
    expect(note.message).toMatch(/arrival date 2024-02-15/);
  });
});

describe('certainty', () => {
  it('DEMO-KR-US-0001: a date of application nobody documented gives UNDETERMINED, naming the unknown and the recognition it blocks', async () => {
    const r = await answerOf('DEMO-KR-US-0001');
    expect(r.outcome).toBe('UNDETERMINED');
    expect(r.recognized).toBe(false);
    expect(r.undeterminedRecognitions.map((x) => x.id)).toEqual(['MRA-US-KR:US-CBP<-KR-AEO']);
    const unknown = r.findings.find((f) => f.code === 'EFFECTIVE_DATE_UNKNOWN')!;
    expect(unknown.kind).toBe('UNKNOWN');
    expect(unknown.message).toMatch(/no date from which/);
  });

  it('an established reason wins over an unknown date: a Mexican tax certification is NOT_RECOGNIZED although US-Mexico is undated', async () => {
    const r = await answerOf('DEMO-MX-US-IVA');
    expect(r.outcome).toBe('NOT_RECOGNIZED');
    expect(r.findings.map((f) => f.code)).toEqual(['TIER_NOT_ELIGIBLE']);
    expect(r.findings[0].message).toMatch(/only tier\(s\) OEA/);
  });
});

describe('what the caller may see', () => {
  it('certifications withheld from the caller (need-to-know) make the answer UNDETERMINED, never NOT_RECOGNIZED', async () => {
    // US-CBP recognizes no Mexican programme under an agreement in force (US-Mexico is undated), so it may not see the tier.
    const result = await stack.post<Json>(`{ shipment(reference: "DEMO-MX-US-IVA") { recognition { outcome findings { code kind } } } }`, undefined, {
      as: 'us-cbp-analyst',
    });
    // The registry's @requires fetch of the consignor's details is refused (FORBIDDEN on those paths); the answer still comes.
    expect(new Set(errorCodes(result))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(result.body)).not.toMatch(/MX-NEEC-2023-D00001|CERT-OP-MX-DEMO-0001/);
    const data = result.body.data!;
    expect(data.shipment.recognition.outcome).toBe('UNDETERMINED');
    expect(data.shipment.recognition.findings.map((f: Json) => f.code)).toContain('CERTIFICATION_NOT_DISCLOSED');
  });
});

describe('benefits at the border and of the programme', () => {
  it('a recognized shipment lists only border benefits; programme-level ones are apart', async () => {
    const r = await answerOf('DEMO-EU-US-0001');
    expect(r.outcome).toBe('RECOGNIZED');
    const border = r.benefits.map((b) => b.code);
    const programme = r.programmeBenefits.map((b) => b.code);
    expect(border).toEqual(expect.arrayContaining(['REDUCED_EXAMINATIONS', 'PRIORITY_CLEARANCE', 'LOWER_RISK_SCORE', 'BUSINESS_RESUMPTION']));
    expect(border).not.toContain('NO_DUPLICATE_VALIDATION');
    expect(border).not.toContain('MARKETABILITY');
    expect(programme).toEqual(expect.arrayContaining(['NO_DUPLICATE_VALIDATION', 'COMMON_STANDARDS', 'MARKETABILITY']));
    expect(r.benefits.every((b) => b.scope === 'BORDER')).toBe(true);
    expect(r.programmeBenefits.every((b) => b.scope === 'PROGRAMME')).toBe(true);
  });
});

describe('registry facts behind the answers', () => {
  it('recognitions carry their documented conditions with sources and verification levels', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
        agreement(id: "MRA-KR-CA") { recognitions { id conditions { subject condition detail verificationLevel sources { url } } } }
        program(code: "EU-AEO") { recognitions { id conditions { condition } } }
      }`),
    );
    const ca = data.agreement.recognitions.find((r: Json) => r.id === 'MRA-KR-CA:CA-CBSA<-KR-AEO');
    expect(ca.conditions).toEqual([expect.objectContaining({ condition: 'SHIPPER_NAME_MATCHING', verificationLevel: 'SECONDARY' })]);
    expect(ca.conditions[0].sources[0].url).toMatch(/^https:\/\//);
    const usEu = data.program.recognitions.find((r: Json) => r.id === 'MRA-US-EU:US-CBP<-EU-AEO');
    expect(usEu.conditions.map((c: Json) => c.condition)).toEqual(expect.arrayContaining(['CONSENT_TO_DATA_EXCHANGE', 'ELIGIBLE_TIERS', 'ROLES_COVERED']));
  });

  it('the verification ledger of dates is served with each agreement and direction', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
        agreement(id: "MRA-US-KR") { dateFacts { fact value basis verificationLevel sources { url } } recognitions { id dateFacts { fact value basis } } }
      }`),
    );
    const inForce = data.agreement.dateFacts.find((f: Json) => f.fact === 'IN_FORCE');
    expect(inForce).toMatchObject({ value: null, basis: 'UNKNOWN', verificationLevel: null });
    const signed = data.agreement.dateFacts.find((f: Json) => f.fact === 'SIGNED');
    expect(signed).toMatchObject({ value: '2010-06-25', basis: 'SOURCE' });
    expect(data.agreement.recognitions[0].dateFacts).toEqual([{ fact: 'EFFECTIVE_FROM', value: null, basis: 'UNKNOWN' }]);
  });

  it('customs-union membership over time, with sources', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
        gb: customsUnionMemberships(country: "GB") { union { code } country from to sources { url } }
        hr: customsUnionMemberships(country: "HR") { from to }
      }`),
    );
    expect(data.gb).toEqual([expect.objectContaining({ union: { code: 'EU-TAXUD' }, country: 'GB', from: '1973-01-01', to: '2021-01-01' })]);
    expect(data.hr).toEqual([{ from: '2013-07-01', to: null }]);
  });

  it('tiers say what they certify: Mexican IVA/IEPS modalities are TAX, OEA is SECURITY; recognitions cover security tiers only', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(`{
        program(code: "MX-NEEC") { tiers { code scope } recognitions { id eligibleTiers { code } } }
      }`),
    );
    expect(Object.fromEntries(data.program.tiers.map((t: Json) => [t.code, t.scope]))).toEqual({ A: 'TAX', AA: 'TAX', AAA: 'TAX', OEA: 'SECURITY' });
    for (const r of data.program.recognitions) expect(r.eligibleTiers.map((t: Json) => t.code)).toEqual(['OEA']);
  });
});

describe('operators without a shipment', () => {
  it('Operator.recognitionAnswers: one answer per partner recognition, tri-state', async () => {
    const data = expectNoErrors(
      await stack.post<Json>(
        `{ operator(id: "OP-KR-DEMO-0001") { recognitionAnswers(asOf: "2024-06-01") { recognition { id } outcome findings { code kind } } } }`,
        undefined,
        { as: 'kr-kcs-analyst' },
      ),
    );
    const answers = new Map(data.operator.recognitionAnswers.map((a: Json) => [a.recognition.id, a]));
    expect((answers.get('MRA-KR-CA:CA-CBSA<-KR-AEO') as Json).outcome).toBe('RECOGNIZED');
    expect(answers.get('MRA-US-KR:US-CBP<-KR-AEO') as Json).toMatchObject({
      outcome: 'UNDETERMINED',
      findings: [{ code: 'EFFECTIVE_DATE_UNKNOWN', kind: 'UNKNOWN' }],
    });
  });

  it('consent withdrawn: NOT_RECOGNIZED by the partners that require it, from the withdrawal on', async () => {
    const query = `query($asOf: Date) { operator(id: "OP-EU-DEMO-0003") { recognitionAnswers(asOf: $asOf) { recognition { id } outcome findings { code } } } }`;
    const at = async (asOf: string) =>
      new Map(
        expectNoErrors(await stack.post<Json>(query, { asOf }, { as: 'eu-taxud-analyst' })).operator.recognitionAnswers.map((a: Json) => [a.recognition.id, a]),
      );
    const before = (await at('2024-09-30')).get('MRA-US-EU:US-CBP<-EU-AEO') as Json;
    const after = (await at('2024-10-01')).get('MRA-US-EU:US-CBP<-EU-AEO') as Json;
    expect(before.outcome).toBe('RECOGNIZED');
    expect(after).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'CONSENT_NOT_GIVEN' }] });
    // The list agrees with the answers: recognizedBy holds only RECOGNIZED recognitions.
    const listed = async (asOf: string) =>
      expectNoErrors(
        await stack.post<Json>(
          `query($asOf: Date) { operator(id: "OP-EU-DEMO-0003") { recognizedBy(asOf: $asOf) { id } } }`,
          { asOf },
          { as: 'eu-taxud-analyst' },
        ),
      ).operator.recognizedBy.map((r: Json) => r.id);
    expect(await listed('2024-09-30')).toContain('MRA-US-EU:US-CBP<-EU-AEO');
    expect(await listed('2024-10-01')).not.toContain('MRA-US-EU:US-CBP<-EU-AEO');
  });
});
