/**
 * Recognition rules for AEO mutual recognition arrangements (MRAs): is an operator's certification
 * recognized by an administration on a date, under which agreements, with which benefits, and why not.
 *
 * Pure functions over plain facts: no I/O, and no imports but the other domain rules (dates,
 * certification and agreement lifecycles). Dates are ISO calendar dates compared as strings; every
 * interval is half-open [from, to), `to: null` meaning open-ended.
 */
import { inHalfOpen, type IsoDate } from './dates.js';
import { agreementInForceOn, agreementStatusOn, type AgreementStatusPeriod } from './agreement-lifecycle.js';
import type { CertificationEventType, CertificationStatus } from './certification-lifecycle.js';

/** The roles an operator plays in the supply chain; a recognition may cover only some of them. */
export const OPERATOR_ROLES = [
  'EXPORTER',
  'IMPORTER',
  'MANUFACTURER',
  'CUSTOMS_BROKER',
  'FREIGHT_FORWARDER',
  'CARRIER',
  'WAREHOUSE_OPERATOR',
  'PORT_OPERATOR',
  'LOGISTICS_PROVIDER',
] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Where a recognition's effective date comes from. */
export const EFFECTIVE_BASES = ['SOURCE', 'SOURCE_PERIOD_START', 'SOURCE_PERIOD_END', 'ASSUMED_FROM_SIGNING', 'UNKNOWN'] as const;
export type EffectiveBasis = (typeof EFFECTIVE_BASES)[number];

export type FindingCode =
  | 'RECOGNIZED'
  | 'NO_CERTIFICATION'
  | 'CERTIFICATION_NOT_DISCLOSED'
  | 'CERTIFICATION_NOT_YET_VALID'
  | 'CERTIFICATION_SUSPENDED'
  | 'CERTIFICATION_REVOKED'
  | 'CERTIFICATION_WITHDRAWN'
  | 'CERTIFICATION_EXPIRED'
  | 'SAME_ADMINISTRATION'
  | 'NO_AGREEMENT'
  | 'AGREEMENT_NOT_IN_FORCE'
  | 'TIER_NOT_ELIGIBLE'
  | 'ROLE_NOT_COVERED'
  | 'EFFECTIVE_DATE_ASSUMED';

export interface Finding {
  code: FindingCode;
  message: string;
  certificationId?: string;
  recognitionId?: string;
  agreementId?: string;
}

export interface CertificationPeriod {
  from: IsoDate;
  to: IsoDate | null;
  status: CertificationStatus;
  tier: string | null;
  validUntil: IsoDate | null;
}

export interface CertificationFacts {
  id: string;
  programCode: string;
  /** The certifying administration. */
  administrationCode: string;
  certificateNumber?: string;
  /** Sorted by from, contiguous; before periods[0].from the certification did not exist. */
  periods: CertificationPeriod[];
}

export interface CertificationEventInput {
  type: CertificationEventType;
  effectiveOn: IsoDate;
  recordedAt: string;
  statusAfter: CertificationStatus;
  tierAfter: string | null;
  validUntilAfter: IsoDate | null;
}

export interface RecognitionRule {
  id: string;
  agreementId: string;
  agreementTitle: string;
  recognizingAdministrationCode: string;
  recognizedProgramCode: string;
  eligibleTiers: string[];
  coveredRoles: string[];
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
  effectiveBasis: EffectiveBasis;
  agreementStatus: AgreementStatusPeriod[];
  benefitCodes: string[];
}

export interface CertificationState {
  status: CertificationStatus;
  tier: string | null;
  validUntil: IsoDate | null;
}

// ------------------------------------------------------------------ certifications

function compareRecordedAt(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Builds the state timeline of a certification from its event history.
 * Events are sorted by effectiveOn, then recordedAt; each event starts a new
 * period carrying its *After values, which lasts until the next event. When
 * several events take effect on the same date the later recorded one wins
 * (the zero-length periods of the earlier ones are dropped).
 */
export function periodsFromEvents(events: CertificationEventInput[]): CertificationPeriod[] {
  const sorted = [...events].sort((a, b) => {
    if (a.effectiveOn !== b.effectiveOn) return a.effectiveOn < b.effectiveOn ? -1 : 1;
    return compareRecordedAt(a.recordedAt, b.recordedAt);
  });
  const periods: CertificationPeriod[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const event = sorted[i];
    const next = sorted[i + 1];
    const to = next ? next.effectiveOn : null;
    if (to !== null && to <= event.effectiveOn) continue; // zero-length: superseded the same day
    periods.push({
      from: event.effectiveOn,
      to,
      status: event.statusAfter,
      tier: event.tierAfter,
      validUntil: event.validUntilAfter,
    });
  }
  return periods;
}

function sortedPeriods(cert: CertificationFacts): CertificationPeriod[] {
  return [...cert.periods].sort((a, b) => (a.from === b.from ? 0 : a.from < b.from ? -1 : 1));
}

/**
 * Index of the period governing `date` in `periods` (sorted): the latest period
 * starting on or before the date. Periods are contiguous, so this is the
 * period containing the date; -1 before the first period.
 */
function periodIndexOn(periods: CertificationPeriod[], date: IsoDate): number {
  let found = -1;
  for (let i = 0; i < periods.length; i++) {
    if (periods[i].from <= date) found = i;
    else break;
  }
  return found;
}

/** The period of a certification governing `date`, or null before the first period. */
function certificationPeriodOn(cert: CertificationFacts, date: IsoDate): CertificationPeriod | null {
  const periods = sortedPeriods(cert);
  const i = periodIndexOn(periods, date);
  return i < 0 ? null : periods[i];
}

/** Status, tier and validity of a certification on `date`; null before it existed. */
export function certificationStateOn(cert: CertificationFacts, date: IsoDate): CertificationState | null {
  const period = certificationPeriodOn(cert, date);
  if (!period) return null;
  return { status: period.status, tier: period.tier, validUntil: period.validUntil };
}

/**
 * The date since which the certification has continuously had the status it
 * has on `date` (e.g. the date of the suspension), or null before it existed.
 */
function certificationStatusSince(cert: CertificationFacts, date: IsoDate): IsoDate | null {
  const periods = sortedPeriods(cert);
  let i = periodIndexOn(periods, date);
  if (i < 0) return null;
  const status = periods[i].status;
  while (i > 0 && periods[i - 1].status === status) i--;
  return periods[i].from;
}

/** CERTIFIED and, when a validity end is set, date < validUntil. */
function certificationActive(state: CertificationState | null, date: IsoDate): boolean {
  if (!state || state.status !== 'CERTIFIED') return false;
  return state.validUntil === null || date < state.validUntil;
}

// ------------------------------------------------------------------ agreements and recognitions

/** True when the recognition's own window contains `date` (effectiveFrom must be known). */
function recognitionWindowContains(rule: RecognitionRule, date: IsoDate): boolean {
  return rule.effectiveFrom !== null && inHalfOpen(date, rule.effectiveFrom, rule.effectiveTo);
}

export function recognitionInForceOn(rule: RecognitionRule, date: IsoDate): boolean {
  return recognitionWindowContains(rule, date) && agreementInForceOn(rule.agreementStatus, date);
}

/** Deterministic order: recognizingAdministrationCode, then id. */
function compareRecognitions(a: RecognitionRule, b: RecognitionRule): number {
  if (a.recognizingAdministrationCode !== b.recognizingAdministrationCode) {
    return a.recognizingAdministrationCode < b.recognizingAdministrationCode ? -1 : 1;
  }
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** Deduplicates by rule id (first occurrence kept) and sorts. */
function sortRecognitions(rules: RecognitionRule[]): RecognitionRule[] {
  const byId = new Map<string, RecognitionRule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()].sort(compareRecognitions);
}

export function programRecognizedBy(rules: RecognitionRule[], programCode: string, asOf: IsoDate): RecognitionRule[] {
  return sortRecognitions(rules.filter((r) => r.recognizedProgramCode === programCode && recognitionInForceOn(r, asOf)));
}

/** Empty eligibleTiers = every tier; otherwise the tier must be listed (no tier is then not eligible). */
function tierEligible(rule: RecognitionRule, tier: string | null): boolean {
  if (rule.eligibleTiers.length === 0) return true;
  return tier !== null && rule.eligibleTiers.includes(tier);
}

/** Empty coveredRoles = every role; otherwise at least one of `roles` must be covered. */
function rolesCovered(rule: RecognitionRule, roles: string[]): boolean {
  if (rule.coveredRoles.length === 0) return true;
  return roles.some((role) => rule.coveredRoles.includes(role));
}

export interface OperatorRecognitionInput {
  roles: string[];
  certifications: CertificationFacts[] | null;
  rules: RecognitionRule[];
  asOf: IsoDate;
}

/**
 * Every in-force rule that accepts one of the operator's certifications active
 * on asOf, with the tier eligible and at least one role covered. A rule whose
 * recognizing administration is the certifying administration itself is not an
 * MRA recognition and is ignored (consistent with SAME_ADMINISTRATION).
 */
export function operatorRecognizedBy(input: OperatorRecognitionInput): RecognitionRule[] {
  const { roles, certifications, rules, asOf } = input;
  if (!certifications) return [];
  const accepted: RecognitionRule[] = [];
  for (const cert of certifications) {
    const state = certificationStateOn(cert, asOf);
    if (!state || !certificationActive(state, asOf)) continue;
    for (const rule of rules) {
      if (rule.recognizedProgramCode !== cert.programCode) continue;
      if (rule.recognizingAdministrationCode === cert.administrationCode) continue;
      if (!recognitionInForceOn(rule, asOf)) continue;
      if (!tierEligible(rule, state.tier)) continue;
      if (!rolesCovered(rule, roles)) continue;
      accepted.push(rule);
    }
  }
  return sortRecognitions(accepted);
}

// ------------------------------------------------------------------ shipment evaluation

export interface ShipmentRecognitionInput {
  /** The shipment's departure date. */
  date: IsoDate;
  importingAdministrationCode: string;
  consignorRoles: string[];
  /** null = not disclosed to the caller (need-to-know). */
  certifications: CertificationFacts[] | null;
  /**
   * Recognitions of the consignor's programmes (any recognizing administration, any date). When the
   * certifications are not disclosed: the recognitions of every programme of the consignor's
   * administration, so that an importer that recognizes none of them still gets NO_AGREEMENT.
   */
  rules: RecognitionRule[];
}

export interface ShipmentRecognitionOutcome {
  recognized: boolean;
  recognitions: RecognitionRule[];
  benefitCodes: string[];
  findings: Finding[];
}

function text(value: string | null | undefined, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

function certLabel(cert: CertificationFacts): string {
  const program = text(cert.programCode, 'unknown programme');
  const number = text(cert.certificateNumber, text(cert.id, 'without a number'));
  return `${program} certificate ${number}`;
}

function agreementLabel(rule: RecognitionRule): string {
  return `"${text(rule.agreementTitle, text(rule.agreementId, 'an unnamed agreement'))}"`;
}

function recognitionLabel(rule: RecognitionRule): string {
  const admin = text(rule.recognizingAdministrationCode, 'the importing administration');
  const program = text(rule.recognizedProgramCode, 'the exporter');
  return `${admin}'s recognition of the ${program} programme`;
}

/** "2024-01-10, before the shipment's date 2024-02-01" or "2024-02-01, the shipment's date". */
function relativeToShipment(event: IsoDate, date: IsoDate): string {
  return event === date ? `${event}, the shipment's date` : `${event}, before the shipment's date ${date}`;
}

function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function describeEffectiveBasis(basis: EffectiveBasis): string {
  switch (basis) {
    case 'SOURCE':
      return 'date stated in the source';
    case 'SOURCE_PERIOD_END':
      return 'end of the period stated in the source';
    case 'ASSUMED_FROM_SIGNING':
      return 'signing date, assumed by policy because entry into force is not documented';
    case 'UNKNOWN':
    default:
      return 'basis of the date not documented';
  }
}

function describeAgreementStatus(rule: RecognitionRule, date: IsoDate): string {
  const period = agreementStatusOn(rule.agreementStatus, date);
  const laterInForce = rule.agreementStatus
    .filter((p) => p.status === 'IN_FORCE' && p.from > date)
    .map((p) => p.from)
    .sort()[0];
  const entersLater = laterInForce ? ` (it enters into force on ${laterInForce})` : '';
  if (!period) {
    if (rule.agreementStatus.length === 0) return `has no recorded entry into force, so it was not in force on ${date}`;
    const first = [...rule.agreementStatus].map((p) => p.from).sort()[0];
    if (date < first) return `was not yet signed or in force on ${date}${entersLater}`;
    return `had no recorded status on ${date}${entersLater}`;
  }
  switch (period.status) {
    case 'SIGNED':
      return `had only been signed (on ${period.from}) and was not yet in force on ${date}${entersLater}`;
    case 'SUSPENDED':
      return `was suspended on ${relativeToShipment(period.from, date)}${entersLater ? `, and resumes on ${laterInForce}` : ''}`;
    case 'TERMINATED':
      return `was terminated on ${relativeToShipment(period.from, date)}`;
    case 'IN_FORCE':
    default:
      return `was not in force on ${date}`;
  }
}

function notInForceMessage(rule: RecognitionRule, date: IsoDate): string {
  const agreement = agreementLabel(rule);
  const recognition = recognitionLabel(rule);
  if (rule.effectiveFrom === null) {
    return `Under ${agreement}, no entry-into-force date is documented for ${recognition}, so it cannot be applied to the shipment of ${date}.`;
  }
  const basis = describeEffectiveBasis(rule.effectiveBasis);
  if (date < rule.effectiveFrom) {
    return `Under ${agreement}, ${recognition} applies from ${rule.effectiveFrom} (${basis}), after the shipment's date ${date}.`;
  }
  if (rule.effectiveTo !== null && date >= rule.effectiveTo) {
    return `Under ${agreement}, ${recognition} applied from ${rule.effectiveFrom} (${basis}) and ended on ${relativeToShipment(rule.effectiveTo, date)}.`;
  }
  return `Under ${agreement}, ${recognition} applies from ${rule.effectiveFrom} (${basis}), but the agreement ${describeAgreementStatus(rule, date)}.`;
}

function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.certificationId ?? ''}\u0000${f.recognitionId ?? ''}`;
}

function finding(code: FindingCode, message: string, refs: { cert?: CertificationFacts; rule?: RecognitionRule } = {}): Finding {
  const f: Finding = { code, message };
  if (refs.cert && typeof refs.cert.id === 'string') f.certificationId = refs.cert.id;
  if (refs.rule) {
    if (typeof refs.rule.id === 'string') f.recognitionId = refs.rule.id;
    if (typeof refs.rule.agreementId === 'string') f.agreementId = refs.rule.agreementId;
  }
  return f;
}

/**
 * Decides whether the importing administration recognizes the consignor's
 * certification(s) on the shipment's departure date, and explains why (not).
 */
export function evaluateShipmentRecognition(input: ShipmentRecognitionInput): ShipmentRecognitionOutcome {
  const { date, importingAdministrationCode: importer, consignorRoles, certifications, rules } = input;
  const importerText = text(importer, 'the importing administration');

  if (certifications === null || certifications === undefined) {
    // Need-to-know hides the certifications from administrations that do not recognize the consignor's
    // programmes; say so only when the importer does recognize one of them, otherwise the reason is the agreement.
    const fromImporter = rules.filter((r) => r.recognizingAdministrationCode === importer);
    const programs = listText([...new Set(rules.map((r) => r.recognizedProgramCode))].sort());
    const undisclosed = (code: FindingCode, message: string): ShipmentRecognitionOutcome => ({
      recognized: false,
      recognitions: [],
      benefitCodes: [],
      findings: [finding(code, message)],
    });
    if (fromImporter.length === 0) {
      return undisclosed(
        'NO_AGREEMENT',
        `${importerText} has no arrangement recognizing the programmes of the consignor's administration${programs ? ` (${programs})` : ''}.`,
      );
    }
    if (!fromImporter.some((r) => recognitionInForceOn(r, date))) {
      return undisclosed(
        'AGREEMENT_NOT_IN_FORCE',
        `No arrangement under which ${importerText} recognizes the programmes of the consignor's administration was in force on ${date}.`,
      );
    }
    return undisclosed(
      'CERTIFICATION_NOT_DISCLOSED',
      `The consignor's certifications are not disclosed to the caller, so recognition by ${importerText} on ${date} cannot be established.`,
    );
  }
  if (certifications.length === 0) {
    return {
      recognized: false,
      recognitions: [],
      benefitCodes: [],
      findings: [
        finding(
          'NO_CERTIFICATION',
          `The consignor holds no trusted trader certification, so ${importerText} grants no recognition for the shipment of ${date}.`,
        ),
      ],
    };
  }

  const reasons: Finding[] = [];
  const seen = new Set<string>();
  const addReason = (f: Finding): void => {
    const key = findingKey(f);
    if (seen.has(key)) return;
    seen.add(key);
    reasons.push(f);
  };
  /** Applicable rules, first certification that made each one applicable. */
  const applicable = new Map<string, { rule: RecognitionRule; cert: CertificationFacts }>();

  for (const cert of certifications) {
    const label = certLabel(cert);
    const state = certificationStateOn(cert, date);
    if (state === null) {
      const first = sortedPeriods(cert)[0];
      addReason(
        finding(
          'CERTIFICATION_NOT_YET_VALID',
          first
            ? `${label} was only certified from ${first.from}, after the shipment's date ${date}.`
            : `${label} has no recorded certification history, so it was not valid on the shipment's date ${date}.`,
          { cert },
        ),
      );
      continue;
    }
    const since = certificationStatusSince(cert, date) ?? date;
    if (state.status === 'SUSPENDED') {
      addReason(finding('CERTIFICATION_SUSPENDED', `${label} was suspended on ${relativeToShipment(since, date)}.`, { cert }));
      continue;
    }
    if (state.status === 'REVOKED') {
      addReason(finding('CERTIFICATION_REVOKED', `${label} was revoked on ${relativeToShipment(since, date)}.`, { cert }));
      continue;
    }
    if (state.status === 'WITHDRAWN') {
      addReason(finding('CERTIFICATION_WITHDRAWN', `${label} was withdrawn on ${relativeToShipment(since, date)}.`, { cert }));
      continue;
    }
    if (state.validUntil !== null && date >= state.validUntil) {
      addReason(finding('CERTIFICATION_EXPIRED', `${label} expired on ${relativeToShipment(state.validUntil, date)}.`, { cert }));
      continue;
    }
    if (cert.administrationCode === importer) {
      addReason(
        finding(
          'SAME_ADMINISTRATION',
          `${label} was issued by ${importerText}, the importing administration itself; a domestic programme is not recognized through a mutual recognition arrangement for the shipment of ${date}.`,
          { cert },
        ),
      );
      continue;
    }

    const candidates = sortRecognitions(rules.filter((r) => r.recognizedProgramCode === cert.programCode && r.recognizingAdministrationCode === importer));
    if (candidates.length === 0) {
      addReason(
        finding(
          'NO_AGREEMENT',
          `No agreement records ${importerText} recognizing the ${text(cert.programCode, 'certifying')} programme of ${text(cert.administrationCode, 'the certifying administration')}, so ${label} brings no recognition for the shipment of ${date}.`,
          { cert },
        ),
      );
      continue;
    }
    const inForce = candidates.filter((r) => recognitionInForceOn(r, date));
    if (inForce.length === 0) {
      for (const rule of candidates) addReason(finding('AGREEMENT_NOT_IN_FORCE', notInForceMessage(rule, date), { cert, rule }));
      continue;
    }
    for (const rule of inForce) {
      let ok = true;
      if (!tierEligible(rule, state.tier)) {
        ok = false;
        const held = state.tier === null ? 'held no tier' : `was in tier ${state.tier}`;
        addReason(
          finding(
            'TIER_NOT_ELIGIBLE',
            `Under ${agreementLabel(rule)}, ${importerText} recognizes only tier(s) ${rule.eligibleTiers.join(', ')} of the ${text(rule.recognizedProgramCode, 'recognized')} programme, but ${label} ${held} on the shipment's date ${date}.`,
            { cert, rule },
          ),
        );
      }
      if (!rolesCovered(rule, consignorRoles)) {
        ok = false;
        const roles =
          consignorRoles.length === 0 ? 'the consignor has no recorded role' : `the consignor's role(s) ${consignorRoles.join(', ')} are not among them`;
        addReason(
          finding(
            'ROLE_NOT_COVERED',
            `Under ${agreementLabel(rule)}, ${recognitionLabel(rule)} covers only the role(s) ${rule.coveredRoles.join(', ')}, and ${roles}, so ${label} brings no recognition for the shipment of ${date}.`,
            { cert, rule },
          ),
        );
      }
      if (ok && !applicable.has(rule.id)) applicable.set(rule.id, { rule, cert });
    }
  }

  if (applicable.size === 0) {
    return { recognized: false, recognitions: [], benefitCodes: [], findings: reasons };
  }

  const recognitions = sortRecognitions([...applicable.values()].map((a) => a.rule));
  const benefitCodes = [...new Set(recognitions.flatMap((r) => r.benefitCodes))].sort();
  const first = applicable.get(recognitions[0].id)!;
  const grounds = recognitions.map((r) => `${certLabel(applicable.get(r.id)!.cert)} under ${agreementLabel(r)}`);
  const findings: Finding[] = [
    finding('RECOGNIZED', `${importerText} recognizes ${listText(grounds)} on the shipment's date ${date}.`, {
      cert: first.cert,
      rule: first.rule,
    }),
  ];
  for (const rule of recognitions) {
    if (rule.effectiveBasis !== 'ASSUMED_FROM_SIGNING') continue;
    findings.push(
      finding(
        'EFFECTIVE_DATE_ASSUMED',
        `Entry into force of ${recognitionLabel(rule)} under ${agreementLabel(rule)} is not documented; by policy the signing date ${text(rule.effectiveFrom, 'of the agreement')} is used as its effective date.`,
        { cert: applicable.get(rule.id)!.cert, rule },
      ),
    );
  }
  return { recognized: true, recognitions, benefitCodes, findings };
}
