/**
 * Property: whatever valid operation an administration's client sends, no operator identifiers or
 * certifications it may not see, and no shipment it is not party to, appear in the response.
 * The oracle is computed from the database and the pure recognition rules, independently of the
 * subgraphs' access code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestStack, type TestStack } from '../support/stack.js';
import { recognitionInForceOn, type RecognitionRule } from '../../src/domain/recognition.js';
import { todayUtc } from '../../src/domain/dates.js';

let stack: TestStack;
let operatorIds: string[];
let certificationIds: string[];
let references: string[];
const administrations = ['BR-RFB', 'KR-KCS', 'US-CBP', 'EU-TAXUD', 'JP-JCTB'];

beforeAll(async () => {
  stack = await startTestStack();
  operatorIds = (await stack.db.operator.findMany({ select: { id: true } })).map((o) => o.id);
  certificationIds = (await stack.db.certification.findMany({ select: { id: true } })).map((c) => c.id);
  references = (await stack.db.shipment.findMany({ select: { reference: true }, take: 400 })).map((s) => s.reference);
});
afterAll(() => stack?.stop());

/** Operators whose identifiers and certifications `administration` may see, computed from the data. */
async function oracle(administration: string) {
  const today = todayUtc();
  const recognitions = await stack.db.recognition.findMany({
    where: { recognizingAdministrationCode: administration },
    include: { agreement: { include: { statusPeriods: true } } },
  });
  const recognized = new Set(
    recognitions
      .filter((r) =>
        recognitionInForceOn(
          {
            id: r.id,
            agreementId: r.agreementId,
            agreementTitle: r.agreement.title,
            recognizingAdministrationCode: r.recognizingAdministrationCode,
            recognizedProgramCode: r.recognizedProgramCode,
            eligibleTiers: [],
            coveredRoles: [],
            effectiveFrom: r.effectiveFrom,
            effectiveTo: r.effectiveTo,
            effectiveBasis: r.effectiveBasis as RecognitionRule['effectiveBasis'],
            agreementStatus: r.agreement.statusPeriods.map((p) => ({ status: p.status as 'IN_FORCE', from: p.from, to: p.to })),
            benefitCodes: [],
          },
          today,
        ),
      )
      .map((r) => r.recognizedProgramCode),
  );
  const operators = await stack.db.operator.findMany({ include: { certifications: { select: { id: true, programCode: true } } } });
  const visible = new Set(
    operators.filter((o) => o.administrationCode === administration || o.certifications.some((c) => recognized.has(c.programCode))).map((o) => o.id),
  );
  const certificationOwner = new Map(operators.flatMap((o) => o.certifications.map((c) => [c.id, o.id] as const)));
  const shipments = new Map((await stack.db.shipment.findMany()).map((s) => [s.reference, s]));
  return { visible, certificationOwner, shipments };
}

const operatorFields = fc.constantFrom(
  'id name',
  'id certifications { id certificateNumber program { code } }',
  'id identifiers { scheme value }',
  'id ... on Operator { certifications { id status } }',
  'id ...OperatorDetails',
);
const shipmentFields = operatorFields.map(
  (op) => `reference exportingAdministration { code } importingAdministration { code } consignor { ${op} } consignee { ${op} }`,
);

const rootField = fc.oneof(
  fc
    .tuple(fc.constantFrom(...[0, 1, 2, 3, 4, 5, 6, 7].map(String)), operatorFields)
    .chain(([, fields]) => fc.nat({ max: 10_000 }).map((i) => `operator(id: "${operatorIds[i % operatorIds.length]}") { ${fields} }`)),
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('', ...administrations), operatorFields)
    .map(([first, adm, fields]) => `operators(first: ${first}${adm ? `, filter: { administration: "${adm}" }` : ''}) { edges { node { ${fields} } } }`),
  fc.tuple(fc.nat({ max: 10_000 }), shipmentFields).map(([i, fields]) => `shipment(reference: "${references[i % references.length]}") { ${fields} }`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom('', ...administrations),
      fc.constantFrom('exportingAdministration', 'importingAdministration'),
      shipmentFields,
    )
    .map(([first, adm, side, fields]) => `shipments(first: ${first}${adm ? `, filter: { ${side}: "${adm}" }` : ''}) { edges { node { ${fields} } } }`),
  fc.nat({ max: 10_000 }).map((i) => `certification(id: "${certificationIds[i % certificationIds.length]}") { id status operator { id } }`),
);

const operation = fc.array(rootField, { minLength: 1, maxLength: 4 }).map((fields) => {
  const body = `query Generated { ${fields.map((f, i) => `r${i}: ${f}`).join(' ')} }`;
  return body.includes('...OperatorDetails') ? `${body} fragment OperatorDetails on Operator { identifiers { value } certifications { id } }` : body;
});

/** Walks a response and collects what it reveals. */
function revealed(data: unknown) {
  const operatorsWithDetails: string[] = [];
  const shipments: { reference: string; exporting: string; importing: string }[] = [];
  const certifications: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (typeof o.id === 'string' && (Array.isArray(o.certifications) || Array.isArray(o.identifiers))) operatorsWithDetails.push(o.id);
    if (typeof o.reference === 'string')
      shipments.push({ reference: o.reference, exporting: o.exportingAdministration?.code, importing: o.importingAdministration?.code });
    if (Array.isArray(o.certifications)) certifications.push(...o.certifications.map((c: { id: string }) => c.id));
    Object.values(o).forEach(walk);
  };
  walk(data);
  return { operatorsWithDetails, shipments, certifications };
}

describe('need-to-know holds for generated operations', () => {
  for (const [client, administration] of [
    ['br-rfb-analyst', 'BR-RFB'],
    ['kr-kcs-analyst', 'KR-KCS'],
    ['us-cbp-analyst', 'US-CBP'],
  ] as const) {
    it(`${client} never receives data it may not see`, async () => {
      const { visible, certificationOwner, shipments } = await oracle(administration);
      let sawSomething = 0;
      await fc.assert(
        fc.asyncProperty(operation, async (query) => {
          const result = await stack.post(query, undefined, { as: client });
          expect(result.status, JSON.stringify(result.body.errors)).toBe(200);
          const { operatorsWithDetails, shipments: seen, certifications } = revealed(result.body.data);
          for (const id of operatorsWithDetails) expect(visible.has(id), `${id} details leaked to ${administration}`).toBe(true);
          for (const c of certifications) expect(visible.has(certificationOwner.get(c)!), `${c} leaked`).toBe(true);
          for (const s of seen) {
            const row = shipments.get(s.reference)!;
            expect([row.exportingAdministrationCode, row.importingAdministrationCode], `${s.reference} leaked`).toContain(administration);
          }
          for (const e of result.body.errors ?? []) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(e.extensions?.code);
          sawSomething += operatorsWithDetails.length + seen.length;
        }),
        { numRuns: 40, seed: 20100628 },
      );
      expect(sawSomething).toBeGreaterThan(0); // the property saw real data, not only refusals
    });
  }
});
