/**
 * Recognition answers (RECOGNIZED / NOT_RECOGNIZED / UNDETERMINED) for shipments and operators: the glue between
 * the registry's rows, the @requires facts and the pure rules of src/domain/recognition-answer.ts.
 *
 * Reads: recognitions, tiers, administrations, benefits and register coverage from the registry reader (an in-memory snapshot);
 * conditions and customs-union memberships once per process; consents to data exchange only for certifications
 * whose recognitions require consent. So the headline answer costs no more SQL than before.
 */
import type { Administration, Benefit, ProgramTier, RecognitionRow, RegisterCoverage } from '../../data/registry-repository.js';
import type { RecognitionCondition } from '../../data/recognition-facts-repository.js';
import { splitList } from '../../data/batch.js';
import type { CertificationFacts } from '../../domain/recognition.js';
import {
  answerShipmentRecognition,
  factsUnavailableAnswer,
  FINDING_KINDS,
  operatorRecognitionAnswers,
  type AnswerCertification,
  type AnswerRule,
  type RecognitionAnswer,
} from '../../domain/recognition-answer.js';
import { conditionsFor, RECOGNITION_CONDITION_KINDS, type ConsentRecord } from '../../domain/recognition-conditions.js';
import { recognizedTiers } from '../../domain/programme-tiers.js';
import { benefitScope, type BenefitScope } from '../../domain/benefits.js';
import { enumValue } from '../../platform/scalars.js';
import { deepFreeze, derivedFrom } from '../../platform/derived.js';
import { loadRecognitionInputs, toRule, type KnownCertification } from './recognition.js';
import type { RegistryContext } from './context.js';
import type { OperatorParent, ShipmentParent, ShipmentRecognitionParent } from './mappers.js';

/** The rules' view of recognition rows: tiers as the programme defines them, documented bases, conditions. */
async function answerRules(ctx: RegistryContext, rows: RecognitionRow[]): Promise<AnswerRule[]> {
  const programCodes = [...new Set(rows.map((r) => r.recognizedProgramCode))];
  const [tierLists, conditions] = await Promise.all([ctx.loaders.tiersByProgram.loadMany(programCodes), ctx.facts.conditions()]);
  const tiersOf = new Map<string, ProgramTier[]>();
  tierLists.forEach((list, i) => {
    if (list instanceof Error) throw list;
    tiersOf.set(programCodes[i], list);
  });
  return rows.map((row) => answerRule(row, tiersOf.get(row.recognizedProgramCode) ?? [], conditions));
}

/**
 * Once per row object, while its programme's tiers and the conditions are the same objects (the registry snapshot
 * shares them between requests until it changes): every shipment of a page is judged under the same few rules.
 * Frozen, so that a rule function changing one would fail loudly instead of changing the next request's answer.
 */
const answerRuleCache = new WeakMap<RecognitionRow, { tiers: ProgramTier[]; conditions: RecognitionCondition[]; rule: AnswerRule }>();
function answerRule(row: RecognitionRow, tiers: ProgramTier[], conditions: RecognitionCondition[]): AnswerRule {
  const cached = answerRuleCache.get(row);
  if (cached && cached.conditions === conditions && cached.tiers.length === tiers.length && cached.tiers.every((t, i) => t === tiers[i])) return cached.rule;
  const rule = toRule(row);
  const answer: AnswerRule = deepFreeze({
    ...rule,
    eligibleTiers: recognizedTiers(splitList(row.eligibleTiers), tiers),
    agreementStatus: rule.agreementStatus.map((p, i) => ({ ...p, basis: row.agreement.statusPeriods[i]?.basis })),
    conditions: conditionsFor(row, conditions).map((c) => ({
      condition: enumValue(RECOGNITION_CONDITION_KINDS, c.condition, 'RecognitionConditionKind'),
      detail: c.detail,
    })),
  });
  answerRuleCache.set(row, { tiers, conditions, rule: answer });
  return answer;
}

/** Consent histories of the certifications that some rule requires consent for (others: not needed, not read). */
async function withConsents(ctx: RegistryContext, facts: CertificationFacts[], rules: AnswerRule[]): Promise<AnswerCertification[]> {
  const needing = new Set(
    rules.filter((r) => (r.conditions ?? []).some((c) => c.condition === 'CONSENT_TO_DATA_EXCHANGE')).map((r) => r.recognizedProgramCode),
  );
  const ids = facts.filter((f) => needing.has(f.programCode) && f.id !== '').map((f) => f.id);
  const lists = ids.length ? await ctx.loaders.consentsByCertification.loadMany(ids) : [];
  const consentsOf = new Map<string, ConsentRecord[]>();
  lists.forEach((list, i) => {
    if (list instanceof Error) throw list;
    consentsOf.set(
      ids[i],
      list.map((c) => ({
        status: c.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'GIVEN',
        effectiveOn: c.effectiveOn,
        partnerAdministrationCode: c.partnerAdministrationCode,
      })),
    );
  });
  return facts.map((f) => ({ ...f, consents: consentsOf.get(f.id) ?? null }));
}

const scopesOfBenefits = new WeakMap<Benefit[], Record<string, BenefitScope>>();
async function benefitScopes(ctx: RegistryContext): Promise<Record<string, BenefitScope>> {
  return derivedFrom(scopesOfBenefits, await ctx.repo.listBenefits(), (benefits) =>
    Object.fromEntries(benefits.map((b) => [b.code, benefitScope(b.category)])),
  );
}

/** The registry's lists as the rules take them, once per list object (the snapshot's until it changes). */
const administrationsOfRows = new WeakMap<Administration[], { code: string; jurisdiction: string; countries: string[] }[]>();
const coverageOfRows = new WeakMap<RegisterCoverage[], { administrationCode: string; completeAsOf: string }[]>();

/** The facts of the consignor as they arrived (after recording time), or what is missing. */
export interface ConsignorFacts {
  roles: string[];
  /** null: not disclosed to the caller. */
  certifications: KnownCertification[] | null;
}

/**
 * The answer for a shipment, from the consignor's facts (already as recorded at `asRecordedAt`, when given).
 * Certifications not disclosed: the recognitions of every programme of the consignor's administration are judged.
 */
export async function shipmentRecognitionAnswer(
  ctx: RegistryContext,
  shipment: ShipmentParent,
  consignor: ConsignorFacts | null,
  asRecordedAt?: string,
): Promise<ShipmentRecognitionParent> {
  const certifications = consignor ? consignor.certifications : [];
  const programsOfAdministration: KnownCertification[] =
    certifications === null && shipment.consignor?.administration
      ? (await ctx.loaders.programsByAdministration.load(shipment.consignor.administration.code)).map((p) => ({
          id: '',
          certificateNumber: '',
          program: { code: p.code },
          periods: [],
        }))
      : [];
  const { facts, rows } = await loadRecognitionInputs(ctx, certifications ?? programsOfAdministration, asRecordedAt);
  const numbers = new Map((certifications ?? []).map((c) => [c.id, c.certificateNumber]));
  const rules = await answerRules(ctx, [...rows.values()]);
  const [certs, memberships, administrations, scopes, coverage] = await Promise.all([
    certifications === null
      ? Promise.resolve(null)
      : withConsents(
          ctx,
          facts.map((f) => ({ ...f, certificateNumber: numbers.get(f.id) ?? undefined })),
          rules,
        ),
    ctx.facts.memberships(),
    ctx.repo.listAdministrations(),
    benefitScopes(ctx),
    ctx.repo.listRegisterCoverage(),
  ]);
  const identifiers = shipment.consignor?.identifiers;
  const answer = answerShipmentRecognition({
    shipment: {
      departedOn: shipment.departedOn ?? null,
      arrivedOn: shipment.arrivedOn ?? null,
      importDeclaredOn: shipment.importDeclaredOn ?? null,
      partnerAeoId: shipment.partnerAeoId ?? null,
      shipperIdentifier: shipment.shipperIdentifier ?? null,
      destinationCountry: shipment.destinationCountry ?? null,
      recordedImportingAdministrationCode: shipment.importingAdministration?.code ?? null,
    },
    memberships,
    administrations: derivedFrom(administrationsOfRows, administrations, (list) =>
      list.map((a) => ({ code: a.code, jurisdiction: a.jurisdiction, countries: splitList(a.countries) })),
    ),
    consignorRoles: consignor?.roles ?? [],
    certifications: certs,
    // Identifiers are need-to-know: null (not disclosed) stays unknown; the name is public.
    consignorIdentifiers: Array.isArray(identifiers) ? [shipment.consignor?.name ?? '', ...identifiers.map((i) => i.value)].filter((v) => v !== '') : null,
    rules,
    benefitScopes: scopes,
    // Where the register is known complete, "no arrangement recorded" is established (NO_AGREEMENT); elsewhere it is unknown.
    registerCoverage: derivedFrom(coverageOfRows, coverage, (list) =>
      list.map((c) => ({ administrationCode: c.administrationCode, completeAsOf: c.completeAsOf })),
    ),
  });
  return { answer, rows };
}

/** The answer when the consignor's facts did not arrive: UNDETERMINED, FACTS_UNAVAILABLE (never a NOT_RECOGNIZED). */
export function unavailableShipmentAnswer(message: string, shipment: ShipmentParent): ShipmentRecognitionParent {
  const asOf = shipment.importDeclaredOn ?? shipment.arrivedOn ?? shipment.departedOn ?? null;
  const asOfBasis = shipment.importDeclaredOn ? 'IMPORT_DECLARATION' : shipment.arrivedOn ? 'ARRIVAL' : shipment.departedOn ? 'DEPARTURE' : null;
  return {
    answer: factsUnavailableAnswer(message, { asOf, asOfBasis, importingAdministrationCode: shipment.importingAdministration?.code ?? null }),
    rows: new Map(),
  };
}

/** Operator.recognitionAnswers: every recognition of the operator's programmes by another administration, judged on asOf. */
export async function operatorAnswers(ctx: RegistryContext, operator: OperatorParent, consignor: ConsignorFacts, asOf: string, asRecordedAt?: string) {
  const certifications = consignor.certifications;
  // Not disclosed: every recognition of the programmes of the operator's administration is UNDETERMINED.
  const programsOfAdministration: KnownCertification[] =
    certifications === null && operator.administration
      ? (await ctx.loaders.programsByAdministration.load(operator.administration.code)).map((p) => ({
          id: '',
          certificateNumber: '',
          program: { code: p.code },
          periods: [],
        }))
      : [];
  const { facts, rows } = await loadRecognitionInputs(ctx, certifications ?? programsOfAdministration, asRecordedAt);
  const numbers = new Map((certifications ?? []).map((c) => [c.id, c.certificateNumber]));
  const rules = await answerRules(ctx, [...rows.values()]);
  const certs =
    certifications === null
      ? null
      : await withConsents(
          ctx,
          facts.map((f) => ({ ...f, certificateNumber: numbers.get(f.id) ?? undefined })),
          rules,
        );
  return operatorRecognitionAnswers({ roles: consignor.roles, certifications: certs, rules, asOf }).map((a) => ({ answer: a, rows }));
}

export const findingKind = (code: keyof typeof FINDING_KINDS) => FINDING_KINDS[code];
export type { RecognitionAnswer };

// ------------------------------------------------------------------ resolvers of the answer types

const present = <T>(items: (T | null | Error)[]): T[] => items.filter((i): i is T => i !== null && !(i instanceof Error));
const byRule = (rows: Map<string, RecognitionRow>, ids: string[]) => ids.map((id) => rows.get(id)).filter((r): r is RecognitionRow => !!r);
const sources = (urls: string) => splitList(urls).map((url) => ({ url }));
const VERIFICATION = ['OFFICIAL', 'SECONDARY', 'UNVERIFIED'] as const;
const PRECISIONS = ['DAY', 'MONTH', 'YEAR', 'UNKNOWN'] as const;
const BASES = ['SOURCE', 'SOURCE_PERIOD_START', 'SOURCE_PERIOD_END', 'ASSUMED_FROM_SIGNING', 'UNKNOWN'] as const;
const TIER_SCOPES = ['SECURITY', 'CUSTOMS_COMPLIANCE', 'TAX'] as const;

/** Resolvers of the types this module answers (merged into the registry's resolver map). */
export const recognitionAnswerResolvers = {
  ShipmentRecognition: {
    importingAdministration: async (s: ShipmentRecognitionParent, _a: unknown, ctx: RegistryContext) =>
      s.answer.importingAdministrationCode ? ctx.loaders.administrationByCode.load(s.answer.importingAdministrationCode) : null,
    // The shipments subgraph makes departedOn non-null, so a date is always known here; FACTS_UNAVAILABLE answers carry the shipment's.
    asOf: (s: ShipmentRecognitionParent) => s.answer.asOf ?? '',
    asOfBasis: (s: ShipmentRecognitionParent) => s.answer.asOfBasis ?? 'DEPARTURE',
    outcome: (s: ShipmentRecognitionParent) => s.answer.outcome,
    recognized: (s: ShipmentRecognitionParent) => s.answer.outcome === 'RECOGNIZED',
    recognitions: (s: ShipmentRecognitionParent) =>
      byRule(
        s.rows,
        s.answer.recognitions.map((r) => r.id),
      ),
    undeterminedRecognitions: (s: ShipmentRecognitionParent) =>
      byRule(
        s.rows,
        s.answer.undeterminedRecognitions.map((r) => r.id),
      ),
    benefits: async (s: ShipmentRecognitionParent, _a: unknown, ctx: RegistryContext) =>
      present(await ctx.loaders.benefitByCode.loadMany(s.answer.benefitCodes)),
    programmeBenefits: async (s: ShipmentRecognitionParent, _a: unknown, ctx: RegistryContext) =>
      present(await ctx.loaders.benefitByCode.loadMany(s.answer.programmeBenefitCodes)),
    findings: (s: ShipmentRecognitionParent) => s.answer.findings.map((finding) => ({ finding, rows: s.rows })),
  },
  RecognitionFinding: {
    code: (f: { finding: { code: keyof typeof FINDING_KINDS } }) => f.finding.code,
    kind: (f: { finding: { code: keyof typeof FINDING_KINDS } }) => FINDING_KINDS[f.finding.code],
  },
  OperatorRecognitionAnswer: {
    recognition: (a: { answer: { recognition: { id: string } }; rows: Map<string, RecognitionRow> }) => a.rows.get(a.answer.recognition.id)!,
    outcome: (a: { answer: { outcome: RecognitionAnswer['outcome'] } }) => a.answer.outcome,
    findings: (a: { answer: { findings: RecognitionAnswer['findings'] }; rows: Map<string, RecognitionRow> }) =>
      a.answer.findings.map((finding) => ({ finding, rows: a.rows })),
  },
  RecognitionCondition: {
    condition: (c: { condition: string }) => enumValue(RECOGNITION_CONDITION_KINDS, c.condition, 'RecognitionConditionKind'),
    verificationLevel: (c: { verificationLevel: string }) => enumValue(VERIFICATION, c.verificationLevel, 'VerificationLevel'),
    sources: (c: { sourceUrls: string }) => sources(c.sourceUrls),
  },
  DateFact: {
    precision: (d: { precision: string }) => enumValue(PRECISIONS, d.precision, 'DatePrecision'),
    basis: (d: { basis: string }) => enumValue(BASES, d.basis, 'EffectiveBasis'),
    verificationLevel: (d: { verificationLevel: string }) => (d.verificationLevel ? enumValue(VERIFICATION, d.verificationLevel, 'VerificationLevel') : null),
    sources: (d: { sourceUrls: string }) => sources(d.sourceUrls),
  },
  CustomsUnionMembership: {
    union: async (m: { unionAdministrationCode: string }, _a: unknown, ctx: RegistryContext) =>
      (await ctx.loaders.administrationByCode.load(m.unionAdministrationCode))!,
    country: (m: { countryCode: string }) => m.countryCode,
    sources: (m: { sourceUrls: string }) => sources(m.sourceUrls),
  },
};

/** Fields added to types the registry already resolves. */
export const recognitionFactFields = {
  customsUnionMemberships: async (country: string | null | undefined, ctx: RegistryContext) =>
    (await ctx.facts.memberships()).filter((m) => !country || m.countryCode === country),
  tierScope: (t: { scope: string }) => enumValue(TIER_SCOPES, t.scope, 'TierScope'),
  benefitScope: (b: { category: string }) => benefitScope(b.category),
  conditionsOf: async (r: RecognitionRow, ctx: RegistryContext) => conditionsFor(r, await ctx.facts.conditions()),
  dateFactsOf: (subject: string, ctx: RegistryContext) => ctx.loaders.dateFactsBySubject.load(subject),
};
