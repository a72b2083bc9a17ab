/**
 * Property: whatever valid operation an administration's client sends, no operator identifiers,
 * certifications or address it may not see, and no shipment it is not party to, appear in the
 * response; and every filter argument and every totalCount acts only on what the caller may see
 * (a filter on a programme or an identifier never matches an operator whose certifications and
 * identifiers the caller may not see, so neither the list nor the count reveals them).
 * The oracle is computed from the database and the pure recognition rules, independently of the
 * subgraphs' access code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestStack, type TestStack, type Json } from '../support/stack.js';
import { recognitionInForceOn, type RecognitionRule } from '../../src/domain/recognition.js';
import { todayUtc } from '../../src/domain/dates.js';

let stack: TestStack;
let operatorIds: string[];
let certificationIds: string[];
let references: string[];
let programCodes: string[];
let identifierValues: string[];
let countries: string[];
let consignors: string[];
let consignees: string[];
let departureDates: string[];
const administrations = ['BR-RFB', 'KR-KCS', 'US-CBP', 'EU-TAXUD', 'JP-JCTB'];
const roles = [
  'EXPORTER',
  'IMPORTER',
  'MANUFACTURER',
  'CUSTOMS_BROKER',
  'FREIGHT_FORWARDER',
  'CARRIER',
  'WAREHOUSE_OPERATOR',
  'PORT_OPERATOR',
  'LOGISTICS_PROVIDER',
];

beforeAll(async () => {
  stack = await startTestStack();
  operatorIds = (await stack.db.operator.findMany({ select: { id: true } })).map((o) => o.id);
  certificationIds = (await stack.db.certification.findMany({ select: { id: true } })).map((c) => c.id);
  references = (await stack.db.shipment.findMany({ select: { reference: true }, take: 400 })).map((s) => s.reference);
  programCodes = (await stack.db.program.findMany({ select: { code: true } })).map((p) => p.code);
  // The demo operators' identifiers (the Korean manufacturer's MID, ...) and a sample of the others.
  const identifiers = await stack.db.operatorIdentifier.findMany({ select: { value: true, operatorId: true }, orderBy: { value: 'asc' } });
  identifierValues = [
    ...identifiers.filter((i) => i.operatorId.includes('DEMO')).map((i) => i.value),
    ...identifiers.filter((_, n) => n % 7 === 0).map((i) => i.value),
  ];
  countries = [...new Set((await stack.db.operator.findMany({ select: { countryCode: true } })).map((o) => o.countryCode))].sort();
  const shipments = await stack.db.shipment.findMany({ select: { consignorId: true, consigneeId: true, departedOn: true } });
  consignors = [...new Set(shipments.map((s) => s.consignorId))].sort().slice(0, 60);
  consignees = [...new Set(shipments.map((s) => s.consigneeId))].sort().slice(0, 60);
  departureDates = [...new Set(shipments.map((s) => s.departedOn))].sort().filter((_, n) => n % 5 === 0);
});
afterAll(() => stack?.stop());

interface OperatorsFilter {
  administration?: string;
  country?: string;
  role?: string;
  program?: string;
  identifier?: string;
  includeSynthetic?: boolean;
}
interface ShipmentsFilter {
  consignor?: string;
  consignee?: string;
  exportingAdministration?: string;
  importingAdministration?: string;
  departedFrom?: string;
  departedBefore?: string;
  includeSynthetic?: boolean;
}

/** What `administration` may see, computed from the data: operators with visible details, and which rows each filter must match. */
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
  const operators = await stack.db.operator.findMany({
    include: { certifications: { select: { id: true, programCode: true } }, identifiers: { select: { value: true } }, roles: { select: { role: true } } },
  });
  const visible = new Set(
    operators.filter((o) => o.administrationCode === administration || o.certifications.some((c) => recognized.has(c.programCode))).map((o) => o.id),
  );
  const certificationOwner = new Map(operators.flatMap((o) => o.certifications.map((c) => [c.id, o.id] as const)));
  const shipmentRows = await stack.db.shipment.findMany();
  const shipments = new Map(shipmentRows.map((s) => [s.reference, s]));
  /** Public facts (administration, country, role, synthetic) filter every operator; certifications and identifiers only visible ones. */
  const operatorsMatching = (f: OperatorsFilter) =>
    new Set(
      operators
        .filter(
          (o) =>
            (!f.administration || o.administrationCode === f.administration) &&
            (!f.country || o.countryCode === f.country) &&
            (!f.role || o.roles.some((r) => r.role === f.role)) &&
            (f.includeSynthetic !== false || !o.synthetic) &&
            (!f.program || (visible.has(o.id) && o.certifications.some((c) => c.programCode === f.program))) &&
            (!f.identifier || (visible.has(o.id) && o.identifiers.some((i) => i.value === f.identifier))),
        )
        .map((o) => o.id),
    );
  /** Shipments: only those the administration is party to, whatever the filter. */
  const shipmentsMatching = (f: ShipmentsFilter) =>
    new Set(
      shipmentRows
        .filter(
          (s) =>
            (s.exportingAdministrationCode === administration || s.importingAdministrationCode === administration) &&
            (!f.consignor || s.consignorId === f.consignor) &&
            (!f.consignee || s.consigneeId === f.consignee) &&
            (!f.exportingAdministration || s.exportingAdministrationCode === f.exportingAdministration) &&
            (!f.importingAdministration || s.importingAdministrationCode === f.importingAdministration) &&
            (!f.departedFrom || s.departedOn >= f.departedFrom) &&
            (!f.departedBefore || s.departedOn < f.departedBefore) &&
            (f.includeSynthetic !== false || !s.synthetic),
        )
        .map((s) => s.reference),
    );
  return { visible, certificationOwner, shipments, operatorsMatching, shipmentsMatching };
}

/** A GraphQL input object literal (enum values unquoted). */
const literal = (filter: object, enums: string[] = []) =>
  `{ ${Object.entries(filter)
    .map(([k, v]) => `${k}: ${typeof v === 'string' && !enums.includes(k) ? JSON.stringify(v) : String(v)}`)
    .join(', ')} }`;

/** A root field and, for the lists, the filter it was generated with (to check the list and the count against the oracle). */
interface RootField {
  text: string;
  operators?: { filter: OperatorsFilter; first: number };
  shipments?: { filter: ShipmentsFilter; first: number };
}

/** Built once the data is known (the arbitraries draw ids, codes and identifier values from it). */
function operations() {
  const operatorFields = fc.constantFrom(
    'id name',
    'id name address',
    'id certifications { id certificateNumber program { code } }',
    'id identifiers { scheme value }',
    'id ... on Operator { certifications { id status } }',
    'id ...OperatorDetails',
  );
  const shipmentFields = operatorFields.map(
    (op) => `reference exportingAdministration { code } importingAdministration { code } consignor { ${op} } consignee { ${op} }`,
  );
  const program = fc.constantFrom(...programCodes);
  const identifier = fc.constantFrom(...identifierValues, 'NO-SUCH-IDENTIFIER');
  // Filters on hidden facts alone (most likely to match something), and any combination of every argument.
  const operatorsFilter: fc.Arbitrary<OperatorsFilter> = fc.oneof(
    fc.record({ program }),
    fc.record({ identifier }),
    fc.record({ program, role: fc.constantFrom(...roles) }),
    fc.record(
      {
        administration: fc.constantFrom(...administrations),
        country: fc.constantFrom(...countries),
        role: fc.constantFrom(...roles),
        program,
        identifier,
        includeSynthetic: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  );
  const shipmentsFilter: fc.Arbitrary<ShipmentsFilter> = fc.record(
    {
      consignor: fc.constantFrom(...consignors),
      consignee: fc.constantFrom(...consignees),
      exportingAdministration: fc.constantFrom(...administrations),
      importingAdministration: fc.constantFrom(...administrations),
      departedFrom: fc.constantFrom(...departureDates),
      departedBefore: fc.constantFrom(...departureDates),
      includeSynthetic: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  const rootField: fc.Arbitrary<RootField> = fc.oneof(
    fc.tuple(fc.nat({ max: 10_000 }), operatorFields).map(([i, fields]) => ({ text: `operator(id: "${operatorIds[i % operatorIds.length]}") { ${fields} }` })),
    fc.tuple(fc.integer({ min: 1, max: 40 }), operatorsFilter, operatorFields).map(([first, filter, fields]) => ({
      text: `operators(first: ${first}${Object.keys(filter).length ? `, filter: ${literal(filter, ['role'])}` : ''}) { totalCount edges { node { ${fields} } } }`,
      operators: { filter, first },
    })),
    fc
      .tuple(fc.nat({ max: 10_000 }), shipmentFields)
      .map(([i, fields]) => ({ text: `shipment(reference: "${references[i % references.length]}") { ${fields} }` })),
    fc.tuple(fc.integer({ min: 1, max: 40 }), shipmentsFilter, shipmentFields).map(([first, filter, fields]) => ({
      text: `shipments(first: ${first}${Object.keys(filter).length ? `, filter: ${literal(filter)}` : ''}) { totalCount edges { node { ${fields} } } }`,
      shipments: { filter, first },
    })),
    fc.nat({ max: 10_000 }).map((i) => ({ text: `certification(id: "${certificationIds[i % certificationIds.length]}") { id status operator { id } }` })),
  );
  return fc.array(rootField, { minLength: 1, maxLength: 4 }).map((fields) => {
    const body = `query Generated { ${fields.map((f, i) => `r${i}: ${f.text}`).join(' ')} }`;
    const query = body.includes('...OperatorDetails') ? `${body} fragment OperatorDetails on Operator { identifiers { value } certifications { id } }` : body;
    return { query, fields };
  });
}

/** Walks a response and collects what it reveals. */
function revealed(data: unknown) {
  const operatorsWithDetails: string[] = [];
  const shipments: { reference: string; exporting: string; importing: string }[] = [];
  const certifications: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, Json>;
    if (typeof o.id === 'string' && (Array.isArray(o.certifications) || Array.isArray(o.identifiers) || typeof o.address === 'string'))
      operatorsWithDetails.push(o.id);
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
    it(`${client} never receives data it may not see, and its filters and counts act only on what it may see`, async () => {
      const { visible, certificationOwner, shipments, operatorsMatching, shipmentsMatching } = await oracle(administration);
      let sawSomething = 0;
      let filteredOnHiddenFacts = 0;
      await fc.assert(
        fc.asyncProperty(operations(), async ({ query, fields }) => {
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
          fields.forEach((field, i) => {
            const list = field.operators ?? field.shipments;
            if (!list) return;
            const expected = field.operators ? operatorsMatching(field.operators.filter) : shipmentsMatching(field.shipments!.filter);
            const answer = result.body.data?.[`r${i}`] as { totalCount: number; edges: { node: { id?: string; reference?: string } }[] };
            const where = `${field.text.slice(0, 200)} as ${administration}`;
            expect(answer.totalCount, `totalCount of ${where}`).toBe(expected.size);
            expect(answer.edges.length, `page size of ${where}`).toBe(Math.min(list.first, expected.size));
            for (const { node } of answer.edges) expect(expected.has((node.id ?? node.reference)!), `${node.id ?? node.reference} in ${where}`).toBe(true);
            if (field.operators?.filter.program || field.operators?.filter.identifier) filteredOnHiddenFacts++;
          });
          sawSomething += operatorsWithDetails.length + seen.length;
        }),
        { numRuns: 60, seed: 20100628 },
      );
      expect(sawSomething).toBeGreaterThan(0); // the property saw real data, not only refusals
      expect(filteredOnHiddenFacts).toBeGreaterThan(0); // and filtered on programmes and identifiers
    });
  }

  it('a filter on a programme or an identifier the caller may not see matches nothing, and counts nothing', async () => {
    // BR-RFB recognizes no Korean programme: the Korean AEO holders and the Korean manufacturer's identifiers are not its to search.
    const { visible } = await oracle('BR-RFB');
    expect(visible.has('OP-KR-DEMO-0001')).toBe(false);
    const identifier = (await stack.db.operatorIdentifier.findFirstOrThrow({ where: { operatorId: 'OP-KR-DEMO-0001' } })).value;
    const own = await stack.post(
      `{ byProgram: operators(first: 5, filter: { program: "KR-AEO" }) { totalCount edges { node { id } } }
         byIdentifier: operators(filter: { identifier: ${JSON.stringify(identifier)} }) { totalCount edges { node { id } } } }`,
      undefined,
      { as: 'kr-kcs-analyst' },
    );
    expect(own.body.data!.byProgram.totalCount).toBeGreaterThan(0);
    expect(own.body.data!.byIdentifier.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['OP-KR-DEMO-0001']);
    const partner = await stack.post(
      `{ byProgram: operators(first: 5, filter: { program: "KR-AEO" }) { totalCount edges { node { id } } }
         byIdentifier: operators(filter: { identifier: ${JSON.stringify(identifier)} }) { totalCount edges { node { id } } } }`,
      undefined,
      { as: 'br-rfb-analyst' },
    );
    expect(partner.body.errors).toBeUndefined();
    expect(partner.body.data).toEqual({ byProgram: { totalCount: 0, edges: [] }, byIdentifier: { totalCount: 0, edges: [] } });
  });
});
