/**
 * Recognition rules for AEO mutual recognition arrangements (MRAs): is an operator's certification
 * recognized by an administration on a date, under which agreements, with which benefits, and why not.
 *
 * Pure functions over plain facts: no I/O, and no imports but the other domain rules (dates,
 * certification and agreement lifecycles). Dates are ISO calendar dates compared as strings; every
 * interval is half-open [from, to), `to: null` meaning open-ended.
 */
import { inHalfOpen, type IsoDate } from './dates.js';
import { agreementInForceOn, type AgreementStatusPeriod } from './agreement-lifecycle.js';
import { CERTIFICATION_STATUSES, type CertificationEventType, type CertificationStatus } from './certification-lifecycle.js';

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

/** What the timeline of a certification is built from (periodsFromEvents): each event carries the state after it, so its type is not needed. */
export type CertificationEventFacts = Pick<CertificationEventInput, 'effectiveOn' | 'recordedAt' | 'statusAfter' | 'tierAfter' | 'validUntilAfter'>;

/** An event as stored (the operators subgraph) or as its `history` reaches the registry through @requires: statuses as text. */
export interface CertificationEventRecord {
  effectiveOn: string;
  recordedAt: string;
  statusAfter: string;
  tierAfter: string | null;
  validUntilAfter: string | null;
}

/**
 * The facts of an event that periodsFromEvents reads, from a stored event (the operators subgraph's
 * `Certification.periods`) or from a `history` entry sent through @requires (the registry derives the periods
 * itself): one mapping, so both derive the same periods. Null when the event does not carry them (no event, a
 * date or recording time that is not a string, a status outside CertificationStatus, a tier or validity end
 * absent rather than null): the caller decides whether that is a data fault (a stored row) or facts that did not
 * arrive (a representation).
 */
export function certificationEventFacts(event: CertificationEventRecord | null | undefined): CertificationEventFacts | null {
  if (!event) return null;
  const { effectiveOn, recordedAt, statusAfter, tierAfter, validUntilAfter } = event;
  if (typeof effectiveOn !== 'string' || typeof recordedAt !== 'string' || tierAfter === undefined || validUntilAfter === undefined) return null;
  if (!(CERTIFICATION_STATUSES as readonly string[]).includes(statusAfter)) return null;
  return { effectiveOn, recordedAt, statusAfter: statusAfter as CertificationStatus, tierAfter, validUntilAfter };
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
export function periodsFromEvents(events: readonly CertificationEventFacts[]): CertificationPeriod[] {
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

/** In force on documented dates: a date only assumed from signing (ASSUMED_FROM_SIGNING) is not enough. */
export function recognitionInForceOn(rule: RecognitionRule, date: IsoDate): boolean {
  return rule.effectiveBasis !== 'ASSUMED_FROM_SIGNING' && recognitionWindowContains(rule, date) && agreementInForceOn(rule.agreementStatus, date);
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

// Shipments: the answer with its certainty (RECOGNIZED / NOT_RECOGNIZED / UNDETERMINED) is src/domain/recognition-answer.ts.
