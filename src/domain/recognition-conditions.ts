/**
 * Conditions a recognizing administration imposes, as documented (prisma/seed/data/recognition_conditions.csv).
 *
 * - CONSENT_TO_DATA_EXCHANGE: the certified operator must have consented to the exchange of its data
 *   with the partner; without consent (never given, or withdrawn) there is no benefit.
 * - PARTNER_ID_DECLARATION: the importer must declare the foreign operator's AEO identifier in the import
 *   declaration; a declaration without it gets no benefit.
 * - SHIPPER_NAME_MATCHING: the importing administration matches the shipper identifier (name, MID, ...)
 *   on the declaration against the partner's AEO list: it must be one of the certified operator's.
 * - ELIGIBLE_TIERS, ROLES_COVERED: already encoded in the recognition's tiers and roles (kept as sources).
 * - TRANSPORT_MODE, DATA_EXCHANGED: documented for reference; they do not change an answer here.
 *
 * A condition's subject is a recognition id, an agreement id (all its directions) or a programme code
 * (every recognition of that programme).
 *
 * Pure: imports nothing of the project.
 */

export type IsoDate = string;

export const RECOGNITION_CONDITION_KINDS = [
  'PARTNER_ID_DECLARATION',
  'SHIPPER_NAME_MATCHING',
  'CONSENT_TO_DATA_EXCHANGE',
  'ELIGIBLE_TIERS',
  'ROLES_COVERED',
  'TRANSPORT_MODE',
  'DATA_EXCHANGED',
] as const;
export type RecognitionConditionKind = (typeof RECOGNITION_CONDITION_KINDS)[number];

/** The conditions that change an answer. */
export const DECISIVE_CONDITIONS: readonly RecognitionConditionKind[] = ['PARTNER_ID_DECLARATION', 'SHIPPER_NAME_MATCHING', 'CONSENT_TO_DATA_EXCHANGE'];

export const VERIFICATION_LEVELS = ['OFFICIAL', 'SECONDARY', 'UNVERIFIED'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export interface RecognitionCondition {
  subject: string;
  condition: RecognitionConditionKind;
  detail: string;
  verificationLevel: string;
  sourceUrls: string[];
}

/** The conditions that apply to a recognition: its own, its agreement's and its recognized programme's. */
export function conditionsFor<C extends { subject: string }>(
  recognition: { id: string; agreementId: string; recognizedProgramCode: string },
  conditions: readonly C[],
): C[] {
  const subjects = new Set([recognition.id, recognition.agreementId, recognition.recognizedProgramCode]);
  return conditions.filter((c) => subjects.has(c.subject));
}

// ------------------------------------------------------------------ consent to data exchange

export type ConsentStatus = 'GIVEN' | 'WITHDRAWN';

/** A recorded consent (or its withdrawal) of a certified operator to the exchange of its data. */
export interface ConsentRecord {
  status: ConsentStatus;
  effectiveOn: IsoDate;
  /** The partner administration it concerns; null = every partner. */
  partnerAdministrationCode: string | null;
}

/**
 * Consent on `date` towards `partner`: the latest record effective on or before the date that concerns
 * the partner (or every partner) decides. No such record: UNKNOWN (consent before the first record is not
 * documented). `records` null or undefined: the consent history is not available: UNKNOWN.
 */
export function consentOn(records: readonly ConsentRecord[] | null | undefined, partner: string, date: IsoDate): ConsentStatus | 'UNKNOWN' {
  if (!records) return 'UNKNOWN';
  const relevant = records
    .filter((r) => (r.partnerAdministrationCode === null || r.partnerAdministrationCode === partner) && r.effectiveOn <= date)
    .sort((a, b) => (a.effectiveOn === b.effectiveOn ? 0 : a.effectiveOn < b.effectiveOn ? -1 : 1));
  const latest = relevant[relevant.length - 1];
  return latest ? latest.status : 'UNKNOWN';
}

// ------------------------------------------------------------------ identifiers on the declaration

/** Identifiers compare without case and without spaces, dots, dashes or slashes (as clerks type them). */
export function normalizeIdentifier(value: string): string {
  return value.toUpperCase().replace(/[\s./_-]+/g, '');
}

export function identifierAmong(value: string, candidates: readonly string[]): boolean {
  const wanted = normalizeIdentifier(value);
  return wanted !== '' && candidates.some((c) => normalizeIdentifier(c) === wanted);
}
