/**
 * The recognition answer a border officer can act on: does the importing administration recognize the
 * consignor's certification on the date that counts, with which benefits, and why; and when the facts do
 * not support a yes or a no, say UNDETERMINED and name exactly what is unknown.
 *
 * A GROUND is one certification of the consignor under one recognition (one direction of an agreement) by
 * the importing administration. Every check of a ground ends in one of three ways:
 *   - it holds on facts that are known;
 *   - it fails on facts that are known (an established reason: the ground is closed);
 *   - it cannot be decided because a fact it needs is unknown (an entry-into-force or application date
 *     nobody documented, a tier, consent, the declaration, the shipper, a customs-union membership date).
 * The decision:
 *   RECOGNIZED      at least one ground holds with every fact it needs known;
 *   UNDETERMINED    otherwise, when some ground is blocked only by unknown facts (no established reason), or a
 *                   certification has no recorded recognition by the importer whose register is not known
 *                   complete on the date (REGISTER_COVERAGE_UNKNOWN: the absence of a record is not proof);
 *   NOT_RECOGNIZED  otherwise: every ground fails on established facts (or there is none, and the register is
 *                   complete for the importer on the date: NO_AGREEMENT; see register-coverage.ts).
 * So an answer never rests on a guess: a date assumed from signing, a missing fact or a subgraph that did
 * not answer is UNDETERMINED, and a missing fact is never a reason for NOT_RECOGNIZED.
 *
 * Pure: imports only other domain rules.
 */
import { certificationStateOn, type CertificationFacts, type RecognitionRule } from './recognition.js';
import { agreementStatusOn } from './agreement-lifecycle.js';
import { referenceDate, type AsOfBasis, type ShipmentDates } from './reference-date.js';
import { importingAdministrationOn, type AdministrationTerritory, type UnionMembership } from './customs-union.js';
import { consentOn, identifierAmong, type ConsentRecord, type RecognitionConditionKind } from './recognition-conditions.js';
import { splitBenefits, type BenefitScope } from './benefits.js';
import { coverageOf, registerCompleteOn, type RegisterCoverage } from './register-coverage.js';

type IsoDate = string;

export type RecognitionOutcome = 'RECOGNIZED' | 'NOT_RECOGNIZED' | 'UNDETERMINED';
export const RECOGNITION_OUTCOMES: readonly RecognitionOutcome[] = ['RECOGNIZED', 'NOT_RECOGNIZED', 'UNDETERMINED'];
export type { AsOfBasis } from './reference-date.js';

/** Every finding code. ESTABLISHED reasons, UNKNOWN facts and NOTES (context) are listed in FINDING_KINDS. */
export const ANSWER_FINDING_CODES = [
  'RECOGNIZED',
  // established reasons
  'NO_CERTIFICATION',
  'CERTIFICATION_NOT_YET_VALID',
  'CERTIFICATION_SUSPENDED',
  'CERTIFICATION_REVOKED',
  'CERTIFICATION_WITHDRAWN',
  'CERTIFICATION_EXPIRED',
  'SAME_ADMINISTRATION',
  'NO_AGREEMENT',
  'AGREEMENT_NOT_IN_FORCE',
  'TIER_NOT_ELIGIBLE',
  'ROLE_NOT_COVERED',
  'CONSENT_NOT_GIVEN',
  'PARTNER_ID_NOT_DECLARED',
  'SHIPPER_NOT_COVERED',
  // unknown facts
  'CERTIFICATION_NOT_DISCLOSED',
  'EFFECTIVE_DATE_UNKNOWN',
  'EFFECTIVE_DATE_ASSUMED',
  'REFERENCE_DATE_MISSING',
  'IMPORTING_ADMINISTRATION_UNKNOWN',
  'TIER_UNKNOWN',
  'CONSENT_UNKNOWN',
  'PARTNER_ID_UNKNOWN',
  'SHIPPER_UNKNOWN',
  'FACTS_UNAVAILABLE',
  'TRANSPORT_MODE_UNKNOWN',
  'REGISTER_COVERAGE_UNKNOWN',
  // notes
  'EVALUATED_ON_ARRIVAL',
  'EVALUATED_ON_DEPARTURE',
  'CUSTOMS_UNION_MEMBER',
  'CUSTOMS_UNION_NON_MEMBER',
] as const;
export type AnswerFindingCode = (typeof ANSWER_FINDING_CODES)[number];

export type FindingKind = 'RESULT' | 'ESTABLISHED' | 'UNKNOWN' | 'NOTE';
export const FINDING_KINDS: Readonly<Record<AnswerFindingCode, FindingKind>> = {
  RECOGNIZED: 'RESULT',
  NO_CERTIFICATION: 'ESTABLISHED',
  CERTIFICATION_NOT_YET_VALID: 'ESTABLISHED',
  CERTIFICATION_SUSPENDED: 'ESTABLISHED',
  CERTIFICATION_REVOKED: 'ESTABLISHED',
  CERTIFICATION_WITHDRAWN: 'ESTABLISHED',
  CERTIFICATION_EXPIRED: 'ESTABLISHED',
  SAME_ADMINISTRATION: 'ESTABLISHED',
  NO_AGREEMENT: 'ESTABLISHED',
  AGREEMENT_NOT_IN_FORCE: 'ESTABLISHED',
  TIER_NOT_ELIGIBLE: 'ESTABLISHED',
  ROLE_NOT_COVERED: 'ESTABLISHED',
  CONSENT_NOT_GIVEN: 'ESTABLISHED',
  PARTNER_ID_NOT_DECLARED: 'ESTABLISHED',
  SHIPPER_NOT_COVERED: 'ESTABLISHED',
  CERTIFICATION_NOT_DISCLOSED: 'UNKNOWN',
  EFFECTIVE_DATE_UNKNOWN: 'UNKNOWN',
  EFFECTIVE_DATE_ASSUMED: 'UNKNOWN',
  REFERENCE_DATE_MISSING: 'UNKNOWN',
  IMPORTING_ADMINISTRATION_UNKNOWN: 'UNKNOWN',
  TIER_UNKNOWN: 'UNKNOWN',
  CONSENT_UNKNOWN: 'UNKNOWN',
  PARTNER_ID_UNKNOWN: 'UNKNOWN',
  SHIPPER_UNKNOWN: 'UNKNOWN',
  FACTS_UNAVAILABLE: 'UNKNOWN',
  TRANSPORT_MODE_UNKNOWN: 'UNKNOWN',
  REGISTER_COVERAGE_UNKNOWN: 'UNKNOWN',
  EVALUATED_ON_ARRIVAL: 'NOTE',
  EVALUATED_ON_DEPARTURE: 'NOTE',
  CUSTOMS_UNION_MEMBER: 'NOTE',
  CUSTOMS_UNION_NON_MEMBER: 'NOTE',
};

export interface AnswerFinding {
  code: AnswerFindingCode;
  message: string;
  certificationId?: string;
  recognitionId?: string;
  agreementId?: string;
}

/** A condition attached to a recognition (see recognition-conditions.ts). */
export interface RuleCondition {
  condition: RecognitionConditionKind;
  detail: string;
}

/** A recognition with what the answer needs beyond RecognitionRule: documented bases and conditions. */
export type AnswerRule = Omit<RecognitionRule, 'agreementStatus'> & {
  /** Status periods; `basis` UNKNOWN or ASSUMED_FROM_SIGNING marks a date nobody documented. */
  agreementStatus: (RecognitionRule['agreementStatus'][number] & { basis?: string })[];
  conditions?: RuleCondition[];
};

/** A certification with its consent history (null or absent: not available, so unknown where required). */
export type AnswerCertification = CertificationFacts & { consents?: ConsentRecord[] | null };

/** What the import declaration (or the advance cargo information) says, when it has been lodged. */
export interface DeclarationFacts {
  /** True once the import declaration is lodged (its content is then known). */
  declared: boolean;
  /** The foreign AEO identifier declared for the consignor; null = none declared. */
  partnerAeoId: string | null;
  /** The shipper identifier (name, MID, ...) on the declaration or advance cargo information; null = not recorded. */
  shipperIdentifier: string | null;
}

export interface RecognitionAnswerInput {
  /** The date that counts; null = none known (REFERENCE_DATE_MISSING). */
  date: IsoDate | null;
  asOfBasis?: AsOfBasis | null;
  /** The importing administration on that date; null = unknown (explained by `importerUnknown`). */
  importingAdministrationCode: string | null;
  importerUnknown?: string;
  consignorRoles: string[];
  /** null = not disclosed to the caller (need-to-know). */
  certifications: AnswerCertification[] | null;
  /**
   * Recognitions of the consignor's programmes (any importer, any date). Certifications not disclosed: the
   * recognitions of every programme of the consignor's administration.
   */
  rules: AnswerRule[];
  /** The consignor's identifier values and name (null or absent = not disclosed to the caller). */
  consignorIdentifiers?: string[] | null;
  /** Absent or null: nothing is known of the declaration. */
  declaration?: DeclarationFacts | null;
  /** Benefit code -> where it applies; absent = every benefit is listed as a border benefit. */
  benefitScopes?: Readonly<Record<string, BenefitScope>>;
  /** Context findings (date basis, customs union), listed after the decisive ones. */
  notes?: AnswerFinding[];
  /**
   * Where the register's list of an administration's arrangements is known complete (register-coverage.ts).
   * Absent or no entry for the importer: "no arrangement recorded" is an unknown fact (REGISTER_COVERAGE_UNKNOWN),
   * never an established NO_AGREEMENT.
   */
  registerCoverage?: readonly RegisterCoverage[] | null;
}

export interface RecognitionAnswer {
  outcome: RecognitionOutcome;
  recognized: boolean;
  asOf: IsoDate | null;
  asOfBasis: AsOfBasis | null;
  importingAdministrationCode: string | null;
  /** Established grounds' recognitions. */
  recognitions: RecognitionRule[];
  /** Recognitions of grounds blocked only by unknown facts (they would apply if those facts were favourable). */
  undeterminedRecognitions: RecognitionRule[];
  /** Benefits at the border from the established recognitions. */
  benefitCodes: string[];
  /** Programme-level benefits of the established recognitions (membership, not this consignment). */
  programmeBenefitCodes: string[];
  findings: AnswerFinding[];
}

// ------------------------------------------------------------------ wording

function text(value: string | null | undefined, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

function certLabel(cert: CertificationFacts): string {
  return `${text(cert.programCode, 'unknown programme')} certificate ${text(cert.certificateNumber, text(cert.id, 'without a number'))}`;
}

function agreementLabel(rule: RecognitionRule): string {
  return `"${text(rule.agreementTitle, text(rule.agreementId, 'an unnamed agreement'))}"`;
}

function recognitionLabel(rule: RecognitionRule): string {
  return `${text(rule.recognizingAdministrationCode, 'the importing administration')}'s recognition of the ${text(rule.recognizedProgramCode, 'exporting')} programme`;
}

function onOrBefore(event: IsoDate, date: IsoDate): string {
  return event === date ? `${event}, the date that counts` : `${event}, before the date that counts (${date})`;
}

function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function finding(code: AnswerFindingCode, message: string, refs: { cert?: CertificationFacts; rule?: RecognitionRule } = {}): AnswerFinding {
  const f: AnswerFinding = { code, message };
  if (refs.cert && typeof refs.cert.id === 'string' && refs.cert.id !== '') f.certificationId = refs.cert.id;
  if (refs.rule) {
    if (typeof refs.rule.id === 'string') f.recognitionId = refs.rule.id;
    if (typeof refs.rule.agreementId === 'string') f.agreementId = refs.rule.agreementId;
  }
  return f;
}

/** Why "no arrangement recorded" proves nothing on `date`: the register's list of the importer's arrangements is not known complete then. */
function coverageUnknownMessage(importer: string, date: IsoDate, coverage: readonly RegisterCoverage[] | null | undefined, what: string): string {
  const c = coverageOf(coverage, importer);
  const extent = c
    ? `the registry's list of ${importer}'s arrangements was checked complete only as of ${c.completeAsOf}, before the date that counts (${date})`
    : `the registry does not record every arrangement of ${importer} (its list has not been checked complete against ${importer}'s own)`;
  return `No arrangement is recorded under which ${importer} recognizes ${what}, but ${extent}, so the absence of one is not proof that there is none.`;
}

// ------------------------------------------------------------------ checks

type Check = { kind: 'HOLDS' } | { kind: 'FAILS'; finding: AnswerFinding } | { kind: 'UNKNOWN'; finding: AnswerFinding };
const HOLDS: Check = { kind: 'HOLDS' };

const UNDOCUMENTED_BASES = new Set<string>(['UNKNOWN', 'ASSUMED_FROM_SIGNING']);

/** A status period's date is documented unless its basis says otherwise (no basis: recorded as documented). */
function documented(basis: string | undefined): boolean {
  return basis === undefined || !UNDOCUMENTED_BASES.has(basis);
}

function statusOn(rule: AnswerRule, date: IsoDate) {
  return agreementStatusOn(rule.agreementStatus, date);
}

/** Why the agreement was certainly not in force on `date` (from documented dates only), or null. */
function establishedNotInForce(rule: AnswerRule, date: IsoDate): string | null {
  const period = statusOn(rule, date);
  if (period) {
    if (!documented(period.basis)) return null;
    if (period.status === 'SUSPENDED') return `was suspended on ${onOrBefore(period.from, date)}`;
    if (period.status === 'TERMINATED') return `was terminated on ${onOrBefore(period.from, date)}`;
    if (period.status === 'SIGNED') {
      const later = rule.agreementStatus
        .filter((p) => p.status === 'IN_FORCE' && p.from > date && documented(p.basis))
        .sort((a, b) => (a.from < b.from ? -1 : 1))[0];
      return later ? `had only been signed (on ${period.from}) and entered into force on ${later.from}, after ${date}` : null;
    }
    return null;
  }
  if (rule.agreementStatus.length === 0) return null;
  const first = [...rule.agreementStatus].sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  if (date < first.from && documented(first.basis)) return `was not yet signed on ${date} (first recorded status ${first.status} from ${first.from})`;
  return null;
}

/** Was the recognition in force on `date`, on documented dates? */
function dateCheck(rule: AnswerRule, date: IsoDate, cert?: CertificationFacts): Check {
  const refs = { cert, rule };
  const agreement = agreementLabel(rule);
  const recognition = recognitionLabel(rule);
  const basis: string = rule.effectiveBasis;
  if (rule.effectiveTo !== null && date >= rule.effectiveTo) {
    return {
      kind: 'FAILS',
      finding: finding('AGREEMENT_NOT_IN_FORCE', `Under ${agreement}, ${recognition} ended on ${onOrBefore(rule.effectiveTo, date)}.`, refs),
    };
  }
  // Covered earlier for some transport modes (documented in a TRANSPORT_MODE condition): shipments do not record
  // their mode, so between the earliest mode's date and the recognition's own start the answer is unknown.
  const modes = conditionDetail(rule, 'TRANSPORT_MODE');
  const earliestMode = modes ? (modes.match(/\d{4}-\d{2}-\d{2}/g) ?? []).sort()[0] : undefined;
  if (rule.effectiveFrom !== null && date < rule.effectiveFrom && earliestMode !== undefined && earliestMode <= date) {
    return {
      kind: 'UNKNOWN',
      finding: finding(
        'TRANSPORT_MODE_UNKNOWN',
        `Under ${agreement}, ${recognition} applies by transport mode (${modes}); the shipment's transport mode is not recorded, so whether it applied on ${date} is unknown.`,
        refs,
      ),
    };
  }
  // Before a documented start (a date known only to a month or year, stored as the end of that period, is not a documented start).
  if (rule.effectiveFrom !== null && date < rule.effectiveFrom && basis !== 'SOURCE_PERIOD_END' && basis !== 'UNKNOWN') {
    const how = basis === 'ASSUMED_FROM_SIGNING' ? 'the signing date: it cannot apply earlier' : 'date stated in the source';
    return {
      kind: 'FAILS',
      finding: finding(
        'AGREEMENT_NOT_IN_FORCE',
        `Under ${agreement}, ${recognition} applies only from ${rule.effectiveFrom} (${how}), after the date that counts (${date}).`,
        refs,
      ),
    };
  }
  const notInForce = establishedNotInForce(rule, date);
  if (notInForce) return { kind: 'FAILS', finding: finding('AGREEMENT_NOT_IN_FORCE', `The agreement ${agreement} ${notInForce}.`, refs) };
  if (basis === 'ASSUMED_FROM_SIGNING') {
    return {
      kind: 'UNKNOWN',
      finding: finding(
        'EFFECTIVE_DATE_ASSUMED',
        `Under ${agreement}, the date from which ${recognition} applies is not documented; ${rule.effectiveFrom ?? 'the signing date'} is only an assumption from the signing date, so recognition on ${date} cannot be established.`,
        refs,
      ),
    };
  }
  if (rule.effectiveFrom === null || basis === 'UNKNOWN') {
    return {
      kind: 'UNKNOWN',
      finding: finding(
        'EFFECTIVE_DATE_UNKNOWN',
        `Under ${agreement}, no date from which ${recognition} applies is documented (no entry into force or application date), so whether it applied on ${date} is unknown.`,
        refs,
      ),
    };
  }
  if (date < rule.effectiveFrom) {
    return {
      kind: 'UNKNOWN',
      finding: finding(
        'EFFECTIVE_DATE_UNKNOWN',
        `Under ${agreement}, ${recognition} is documented only to the month or year (applying by ${rule.effectiveFrom}), so whether it applied on ${date} is unknown.`,
        refs,
      ),
    };
  }
  const period = statusOn(rule, date);
  if (period && period.status === 'IN_FORCE' && documented(period.basis)) return HOLDS;
  return {
    kind: 'UNKNOWN',
    finding: finding(
      'EFFECTIVE_DATE_UNKNOWN',
      `Under ${agreement}, ${recognition} applies from ${rule.effectiveFrom}, but the agreement's entry into force on ${date} is not documented.`,
      refs,
    ),
  };
}

interface GroundFacts {
  date: IsoDate;
  importer: string;
  roles: string[];
  identifiers: string[] | null;
  declaration: DeclarationFacts | null;
}

function conditionDetail(rule: AnswerRule, kind: RecognitionConditionKind): string | null {
  const c = (rule.conditions ?? []).find((x) => x.condition === kind);
  return c ? text(c.detail, kind) : null;
}

/** Every check of one ground (certification active on the date, under one rule of the importer). */
function groundChecks(cert: AnswerCertification, tier: string | null, rule: AnswerRule, facts: GroundFacts): Check[] {
  const refs = { cert, rule };
  const label = certLabel(cert);
  const agreement = agreementLabel(rule);
  const { date, importer } = facts;
  const checks: Check[] = [dateCheck(rule, date, cert)];

  const tierCondition = conditionDetail(rule, 'ELIGIBLE_TIERS');
  if (rule.eligibleTiers.length === 0 && tierCondition !== null) {
    // A documented restriction to some tiers that the register does not model as tiers (e.g. Belarus "third type"
    // AEOs for China): whether this certification is one of them is unknown.
    checks.push({
      kind: 'UNKNOWN',
      finding: finding(
        'TIER_UNKNOWN',
        `Under ${agreement}, ${importer} recognizes only some holders of the ${text(rule.recognizedProgramCode, 'recognized')} programme (${tierCondition}), and whether ${label} is one of them is not recorded.`,
        refs,
      ),
    });
  }
  if (rule.eligibleTiers.length > 0) {
    if (tier === null) {
      checks.push({
        kind: 'UNKNOWN',
        finding: finding(
          'TIER_UNKNOWN',
          `Under ${agreement}, ${importer} recognizes only tier(s) ${rule.eligibleTiers.join(', ')}, and the tier of ${label} on ${date} is not recorded.`,
          refs,
        ),
      });
    } else if (!rule.eligibleTiers.includes(tier)) {
      checks.push({
        kind: 'FAILS',
        finding: finding(
          'TIER_NOT_ELIGIBLE',
          `Under ${agreement}, ${importer} recognizes only tier(s) ${rule.eligibleTiers.join(', ')} of the ${text(rule.recognizedProgramCode, 'recognized')} programme, but ${label} was in tier ${tier} on ${date}.`,
          refs,
        ),
      });
    }
  }
  if (rule.coveredRoles.length > 0 && !facts.roles.some((r) => rule.coveredRoles.includes(r))) {
    const roles = facts.roles.length === 0 ? 'the consignor has no recorded role' : `the consignor's role(s) ${facts.roles.join(', ')} are not among them`;
    checks.push({
      kind: 'FAILS',
      finding: finding(
        'ROLE_NOT_COVERED',
        `Under ${agreement}, ${recognitionLabel(rule)} covers only the role(s) ${rule.coveredRoles.join(', ')}, and ${roles}.`,
        refs,
      ),
    });
  }

  const consent = conditionDetail(rule, 'CONSENT_TO_DATA_EXCHANGE');
  if (consent !== null) {
    const state = consentOn(cert.consents, importer, date);
    if (state === 'WITHDRAWN') {
      checks.push({
        kind: 'FAILS',
        finding: finding(
          'CONSENT_NOT_GIVEN',
          `${label}: the operator's consent to the exchange of its data with ${importer} was withdrawn on ${date}; ${consent}.`,
          refs,
        ),
      });
    } else if (state === 'UNKNOWN') {
      checks.push({
        kind: 'UNKNOWN',
        finding: finding(
          'CONSENT_UNKNOWN',
          `${label}: no consent to the exchange of its data with ${importer} is recorded for ${date}, and ${importer} requires it (${consent}).`,
          refs,
        ),
      });
    }
  }

  const partnerId = conditionDetail(rule, 'PARTNER_ID_DECLARATION');
  if (partnerId !== null) {
    const d = facts.declaration;
    if (!d || !d.declared) {
      checks.push({
        kind: 'UNKNOWN',
        finding: finding(
          'PARTNER_ID_UNKNOWN',
          `${importer} requires the partner's AEO identifier in the import declaration (${partnerId}), and no import declaration is recorded yet.`,
          refs,
        ),
      });
    } else if (d.partnerAeoId === null || d.partnerAeoId.trim() === '') {
      checks.push({
        kind: 'FAILS',
        finding: finding(
          'PARTNER_ID_NOT_DECLARED',
          `${importer} requires the partner's AEO identifier in the import declaration (${partnerId}), and the declaration names none.`,
          refs,
        ),
      });
    } else {
      const own = [cert.certificateNumber ?? ''].filter((x) => x !== '');
      if (!identifierAmong(d.partnerAeoId, own)) {
        if (facts.identifiers === null) {
          checks.push({
            kind: 'UNKNOWN',
            finding: finding(
              'PARTNER_ID_UNKNOWN',
              `The declared AEO identifier ${d.partnerAeoId} is not the number of ${label}, and the consignor's other identifiers are not disclosed to the caller.`,
              refs,
            ),
          });
        } else if (!identifierAmong(d.partnerAeoId, facts.identifiers)) {
          checks.push({
            kind: 'FAILS',
            finding: finding(
              'PARTNER_ID_NOT_DECLARED',
              `The import declaration names the AEO identifier ${d.partnerAeoId}, which is not the consignor's (${label}); ${importer} requires it (${partnerId}).`,
              refs,
            ),
          });
        }
      }
    }
  }

  const shipper = conditionDetail(rule, 'SHIPPER_NAME_MATCHING');
  if (shipper !== null) {
    const value = facts.declaration?.shipperIdentifier ?? null;
    if (value === null || value.trim() === '') {
      checks.push({
        kind: 'UNKNOWN',
        finding: finding(
          'SHIPPER_UNKNOWN',
          `${importer} matches the shipper on the declaration against the partner's AEO list (${shipper}), and the shipment's shipper identifier is not recorded.`,
          refs,
        ),
      });
    } else if (facts.identifiers === null) {
      checks.push({
        kind: 'UNKNOWN',
        finding: finding(
          'SHIPPER_UNKNOWN',
          `${importer} matches the shipper identifier ${value} against the partner's AEO list, and the consignor's identifiers are not disclosed to the caller.`,
          refs,
        ),
      });
    } else if (!identifierAmong(value, facts.identifiers)) {
      checks.push({
        kind: 'FAILS',
        finding: finding(
          'SHIPPER_NOT_COVERED',
          `${importer} matches the shipper against the partner's AEO list (${shipper}); the shipper identifier ${value} is not one of the certified consignor's, so ${label} does not cover this consignment.`,
          refs,
        ),
      });
    }
  }
  return checks;
}

// ------------------------------------------------------------------ certifications on the date

/** The established reason a certification cannot ground recognition on `date`, or null when it is active. */
function certificationReason(cert: AnswerCertification, date: IsoDate, importer: string | null): { reason: AnswerFinding | null; tier: string | null } {
  const label = certLabel(cert);
  const state = certificationStateOn(cert, date);
  if (state === null) {
    const first = [...cert.periods].map((p) => p.from).sort()[0];
    return {
      reason: finding(
        'CERTIFICATION_NOT_YET_VALID',
        first
          ? `${label} was only certified from ${first}, after the date that counts (${date}).`
          : `${label} has no recorded certification history, so it was not valid on ${date}.`,
        { cert },
      ),
      tier: null,
    };
  }
  const periods = [...cert.periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let i = -1;
  for (let k = 0; k < periods.length; k++) if (periods[k].from <= date) i = k;
  while (i > 0 && periods[i - 1].status === state.status) i--;
  const since = i >= 0 ? periods[i].from : date;
  const byStatus: Record<string, AnswerFindingCode> = {
    SUSPENDED: 'CERTIFICATION_SUSPENDED',
    REVOKED: 'CERTIFICATION_REVOKED',
    WITHDRAWN: 'CERTIFICATION_WITHDRAWN',
  };
  const code = byStatus[state.status];
  if (code) return { reason: finding(code, `${label} was ${state.status.toLowerCase()} on ${onOrBefore(since, date)}.`, { cert }), tier: state.tier };
  if (state.validUntil !== null && date >= state.validUntil) {
    return { reason: finding('CERTIFICATION_EXPIRED', `${label} expired on ${onOrBefore(state.validUntil, date)}.`, { cert }), tier: state.tier };
  }
  if (importer !== null && cert.administrationCode === importer) {
    return {
      reason: finding(
        'SAME_ADMINISTRATION',
        `${label} was issued by ${importer}, the importing administration itself; a domestic programme is not recognized through a mutual recognition arrangement.`,
        { cert },
      ),
      tier: state.tier,
    };
  }
  return { reason: null, tier: state.tier };
}

// ------------------------------------------------------------------ the answer

function sortRules<R extends RecognitionRule>(rules: R[]): R[] {
  const byId = new Map<string, R>();
  for (const r of rules) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) =>
    a.recognizingAdministrationCode !== b.recognizingAdministrationCode
      ? a.recognizingAdministrationCode < b.recognizingAdministrationCode
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0,
  );
}

class Findings {
  readonly list: AnswerFinding[] = [];
  private readonly seen = new Set<string>();
  add(f: AnswerFinding): void {
    const key = `${f.code}\u0000${f.certificationId ?? ''}\u0000${f.recognitionId ?? ''}\u0000${f.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(f);
  }
}

/** An UNDETERMINED answer for facts that did not arrive (a subgraph did not answer, or a router dropped them). */
export function factsUnavailableAnswer(
  message: string,
  context: { asOf?: IsoDate | null; asOfBasis?: AsOfBasis | null; importingAdministrationCode?: string | null } = {},
): RecognitionAnswer {
  return {
    outcome: 'UNDETERMINED',
    recognized: false,
    asOf: context.asOf ?? null,
    asOfBasis: context.asOfBasis ?? null,
    importingAdministrationCode: context.importingAdministrationCode ?? null,
    recognitions: [],
    undeterminedRecognitions: [],
    benefitCodes: [],
    programmeBenefitCodes: [],
    findings: [finding('FACTS_UNAVAILABLE', message)],
  };
}

/**
 * Decides whether the importing administration recognizes the consignor's certification(s) on `date`, and
 * explains why, or what is unknown.
 */
export function answerRecognition(input: RecognitionAnswerInput): RecognitionAnswer {
  const { date, importingAdministrationCode: importer, certifications } = input;
  const notes = input.notes ?? [];
  const base = {
    asOf: date,
    asOfBasis: input.asOfBasis ?? null,
    importingAdministrationCode: importer,
    recognitions: [] as RecognitionRule[],
    undeterminedRecognitions: [] as RecognitionRule[],
    benefitCodes: [] as string[],
    programmeBenefitCodes: [] as string[],
  };
  const answer = (outcome: RecognitionOutcome, findings: AnswerFinding[], extra: Partial<RecognitionAnswer> = {}): RecognitionAnswer => ({
    ...base,
    ...extra,
    outcome,
    recognized: outcome === 'RECOGNIZED',
    findings: [...findings, ...notes],
  });

  // Holding no certification at all is established whatever the date or the importer.
  if (certifications && certifications.length === 0) {
    return answer('NOT_RECOGNIZED', [
      finding('NO_CERTIFICATION', `The consignor holds no trusted trader certification, so no administration grants it recognition.`),
    ]);
  }
  if (date === null) {
    return answer('UNDETERMINED', [
      finding(
        'REFERENCE_DATE_MISSING',
        'The shipment has no import declaration, arrival or departure date, so the date on which recognition counts is unknown.',
      ),
    ]);
  }

  const findings = new Findings();
  // Certifications first: a consignor none of whose certifications is active on the date is not recognized by anyone.
  const active: { cert: AnswerCertification; tier: string | null }[] = [];
  if (certifications) {
    for (const cert of certifications) {
      const { reason, tier } = certificationReason(cert, date, importer);
      if (reason) findings.add(reason);
      else active.push({ cert, tier });
    }
    if (active.length === 0) return answer('NOT_RECOGNIZED', findings.list);
  }
  if (importer === null) {
    findings.add(finding('IMPORTING_ADMINISTRATION_UNKNOWN', text(input.importerUnknown, `The importing administration on ${date} is unknown.`)));
    return answer('UNDETERMINED', findings.list);
  }

  const facts: GroundFacts = {
    date,
    importer,
    roles: input.consignorRoles,
    identifiers: input.consignorIdentifiers ?? null,
    declaration: input.declaration ?? null,
  };

  if (certifications === null) {
    // Need-to-know hides the certifications. Judge what can be judged without them: no arrangement, or none in force.
    const fromImporter = sortRules(input.rules.filter((r) => r.recognizingAdministrationCode === importer));
    if (fromImporter.length === 0) {
      const programs = listText([...new Set(input.rules.map((r) => r.recognizedProgramCode))].sort());
      if (registerCompleteOn(input.registerCoverage, importer, date)) {
        return answer('NOT_RECOGNIZED', [
          finding(
            'NO_AGREEMENT',
            `${importer} has no arrangement recognizing the programmes of the consignor's administration${programs ? ` (${programs})` : ''} on ${date}.`,
          ),
        ]);
      }
      return answer('UNDETERMINED', [
        finding(
          'REGISTER_COVERAGE_UNKNOWN',
          coverageUnknownMessage(importer, date, input.registerCoverage, `the programmes of the consignor's administration${programs ? ` (${programs})` : ''}`),
        ),
        finding(
          'CERTIFICATION_NOT_DISCLOSED',
          `The consignor's certifications are not disclosed to the caller, so whether ${importer} recognizes the consignor on ${date} cannot be established.`,
        ),
      ]);
    }
    const dated = fromImporter.map((rule) => ({ rule, check: dateCheck(rule, date) }));
    if (dated.every((d) => d.check.kind === 'FAILS')) {
      for (const d of dated) if (d.check.kind === 'FAILS') findings.add(d.check.finding);
      return answer('NOT_RECOGNIZED', findings.list);
    }
    findings.add(
      finding(
        'CERTIFICATION_NOT_DISCLOSED',
        `The consignor's certifications are not disclosed to the caller, so whether ${importer} recognizes the consignor on ${date} cannot be established.`,
      ),
    );
    for (const d of dated) if (d.check.kind === 'UNKNOWN') findings.add(d.check.finding);
    return answer('UNDETERMINED', findings.list);
  }

  const established = new Map<string, { rule: AnswerRule; cert: AnswerCertification }>();
  const blocked = new Map<string, AnswerRule>();
  const unknowns = new Findings();
  // A certification with no recorded arrangement, where the register is not known complete for the importer on the date.
  let coverageUnknown = false;
  for (const { cert, tier } of active) {
    const candidates = sortRules(input.rules.filter((r) => r.recognizedProgramCode === cert.programCode && r.recognizingAdministrationCode === importer));
    if (candidates.length === 0) {
      const programme = `the ${text(cert.programCode, 'certifying')} programme of ${text(cert.administrationCode, 'the certifying administration')}`;
      if (registerCompleteOn(input.registerCoverage, importer, date)) {
        findings.add(
          finding('NO_AGREEMENT', `No agreement records ${importer} recognizing ${programme}, so ${certLabel(cert)} brings no recognition on ${date}.`, {
            cert,
          }),
        );
      } else {
        coverageUnknown = true;
        unknowns.add(finding('REGISTER_COVERAGE_UNKNOWN', coverageUnknownMessage(importer, date, input.registerCoverage, programme), { cert }));
      }
      continue;
    }
    for (const rule of candidates) {
      const checks = groundChecks(cert, tier, rule, facts);
      const fails = checks.filter((c) => c.kind === 'FAILS');
      const unknown = checks.filter((c) => c.kind === 'UNKNOWN');
      if (fails.length > 0) {
        for (const c of fails) findings.add(c.finding);
      } else if (unknown.length > 0) {
        for (const c of unknown) unknowns.add(c.finding);
        if (!blocked.has(rule.id)) blocked.set(rule.id, rule);
      } else if (!established.has(rule.id)) {
        established.set(rule.id, { rule, cert });
      }
    }
  }

  if (established.size > 0) {
    const recognitions = sortRules([...established.values()].map((e) => e.rule));
    const { border, programme } = splitBenefits(
      recognitions.flatMap((r) => r.benefitCodes),
      input.benefitScopes,
    );
    const first = established.get(recognitions[0].id)!;
    const grounds = recognitions.map((r) => `${certLabel(established.get(r.id)!.cert)} under ${agreementLabel(r)}`);
    return answer('RECOGNIZED', [finding('RECOGNIZED', `${importer} recognizes ${listText(grounds)} on ${date}.`, { cert: first.cert, rule: first.rule })], {
      recognitions,
      benefitCodes: border,
      programmeBenefitCodes: programme,
    });
  }
  if (blocked.size > 0 || coverageUnknown) {
    return answer('UNDETERMINED', [...unknowns.list, ...findings.list], { undeterminedRecognitions: sortRules([...blocked.values()]) });
  }
  return answer('NOT_RECOGNIZED', findings.list);
}

// ------------------------------------------------------------------ a shipment at destination

export interface ShipmentAtDestination extends ShipmentDates {
  /** ISO country of the destination (null: not known; then `recordedImportingAdministrationCode` is used). */
  destinationCountry?: string | null;
  recordedImportingAdministrationCode?: string | null;
  /** The foreign AEO identifier declared in the import declaration. */
  partnerAeoId?: string | null;
  shipperIdentifier?: string | null;
}

export interface ShipmentAnswerInput {
  shipment: ShipmentAtDestination;
  memberships: readonly UnionMembership[];
  administrations: readonly AdministrationTerritory[];
  consignorRoles: string[];
  certifications: AnswerCertification[] | null;
  consignorIdentifiers?: string[] | null;
  rules: AnswerRule[];
  benefitScopes?: Readonly<Record<string, BenefitScope>>;
  /** Where the register is known complete (absent: nowhere, so no NO_AGREEMENT is established). */
  registerCoverage?: readonly RegisterCoverage[] | null;
}

/**
 * The whole answer for a shipment: the date that counts (declaration, else arrival, else departure), the
 * importing administration on that date (customs-union membership over time), then the recognition rules.
 */
export function answerShipmentRecognition(input: ShipmentAnswerInput): RecognitionAnswer {
  const { shipment } = input;
  const ref = referenceDate(shipment);
  const notes: AnswerFinding[] = [];
  if (ref?.basis === 'ARRIVAL' && ref.note) notes.push(finding('EVALUATED_ON_ARRIVAL', ref.note));
  if (ref?.basis === 'DEPARTURE' && ref.note) notes.push(finding('EVALUATED_ON_DEPARTURE', ref.note));
  let importer: string | null = shipment.recordedImportingAdministrationCode ?? null;
  let importerUnknown: string | undefined;
  if (ref) {
    const on = importingAdministrationOn({
      countryCode: shipment.destinationCountry,
      date: ref.asOf,
      memberships: input.memberships,
      administrations: input.administrations,
      recordedCode: shipment.recordedImportingAdministrationCode,
    });
    if (on.code === null) {
      importer = null;
      importerUnknown = on.explanation;
    } else {
      importer = on.code;
      // Say so where membership changes the answer's territory: a member that left (or will), or a recorded importer that differs.
      const noteworthy =
        on.via === 'UNION' &&
        on.membership !== null &&
        (on.membership.to !== null ||
          on.membership.toUnknown === true ||
          (!!shipment.recordedImportingAdministrationCode && shipment.recordedImportingAdministrationCode !== on.code));
      if (on.explanation && noteworthy) notes.push(finding('CUSTOMS_UNION_MEMBER', on.explanation));
      if (on.explanation && on.via === 'NATIONAL') notes.push(finding('CUSTOMS_UNION_NON_MEMBER', on.explanation));
    }
  }
  const declared = typeof shipment.importDeclaredOn === 'string' && shipment.importDeclaredOn !== '';
  return answerRecognition({
    date: ref?.asOf ?? null,
    asOfBasis: ref?.basis ?? null,
    importingAdministrationCode: importer,
    importerUnknown,
    consignorRoles: input.consignorRoles,
    certifications: input.certifications,
    consignorIdentifiers: input.consignorIdentifiers,
    rules: input.rules,
    benefitScopes: input.benefitScopes,
    registerCoverage: input.registerCoverage,
    declaration: {
      declared,
      partnerAeoId: shipment.partnerAeoId ?? null,
      shipperIdentifier: shipment.shipperIdentifier ?? null,
    },
    notes,
  });
}

// ------------------------------------------------------------------ an operator, without a shipment

export interface OperatorRecognitionAnswer {
  recognition: RecognitionRule;
  outcome: RecognitionOutcome;
  findings: AnswerFinding[];
}

/**
 * For every recognition of the operator's programmes by another administration: is the operator recognized
 * under it on `asOf`, as far as the operator's own facts go (certification, tier, role, consent, dates)?
 * Conditions that depend on a consignment (declared AEO identifier, shipper matching) are not judged here.
 * `certifications` null (not disclosed): every answer is UNDETERMINED.
 */
export function operatorRecognitionAnswers(input: {
  roles: string[];
  certifications: AnswerCertification[] | null;
  rules: AnswerRule[];
  asOf: IsoDate;
}): OperatorRecognitionAnswer[] {
  const { roles, certifications, asOf } = input;
  const byRule = new Map<string, OperatorRecognitionAnswer>();
  const rank: Record<RecognitionOutcome, number> = { RECOGNIZED: 2, UNDETERMINED: 1, NOT_RECOGNIZED: 0 };
  for (const rule of sortRules(input.rules)) {
    const ownCerts = (certifications ?? []).filter(
      (c) => c.programCode === rule.recognizedProgramCode && c.administrationCode !== rule.recognizingAdministrationCode,
    );
    if (certifications === null) {
      byRule.set(rule.id, {
        recognition: rule,
        outcome: 'UNDETERMINED',
        findings: [finding('CERTIFICATION_NOT_DISCLOSED', `The operator's certifications are not disclosed to the caller.`, { rule })],
      });
      continue;
    }
    if (ownCerts.length === 0) continue;
    for (const cert of ownCerts) {
      const { reason, tier } = certificationReason(cert, asOf, null);
      let result: OperatorRecognitionAnswer;
      if (reason) {
        result = { recognition: rule, outcome: 'NOT_RECOGNIZED', findings: [reason] };
      } else {
        const checks = groundChecks(
          { ...cert },
          tier,
          { ...rule, conditions: (rule.conditions ?? []).filter((c) => c.condition === 'CONSENT_TO_DATA_EXCHANGE' || c.condition === 'ELIGIBLE_TIERS') },
          {
            date: asOf,
            importer: rule.recognizingAdministrationCode,
            roles,
            identifiers: null,
            declaration: null,
          },
        );
        const fails = checks.filter((c) => c.kind === 'FAILS');
        const unknown = checks.filter((c) => c.kind === 'UNKNOWN');
        result =
          fails.length > 0
            ? { recognition: rule, outcome: 'NOT_RECOGNIZED', findings: fails.map((c) => (c as { finding: AnswerFinding }).finding) }
            : unknown.length > 0
              ? { recognition: rule, outcome: 'UNDETERMINED', findings: unknown.map((c) => (c as { finding: AnswerFinding }).finding) }
              : {
                  recognition: rule,
                  outcome: 'RECOGNIZED',
                  findings: [
                    finding('RECOGNIZED', `${rule.recognizingAdministrationCode} recognizes ${certLabel(cert)} under ${agreementLabel(rule)} on ${asOf}.`, {
                      cert,
                      rule,
                    }),
                  ],
                };
      }
      const previous = byRule.get(rule.id);
      if (!previous || rank[result.outcome] > rank[previous.outcome]) byRule.set(rule.id, result);
    }
  }
  return [...byRule.values()];
}
