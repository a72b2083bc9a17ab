/**
 * The life of a mutual recognition arrangement (MRA): its statuses over time and the changes allowed
 * between them. Pure: imports nothing but the date rules (the explorer's browser bundle uses it too).
 *
 *   (none) --> SIGNED | IN_FORCE | SUSPENDED | TERMINATED   (the first recorded status)
 *   SIGNED --> IN_FORCE | TERMINATED
 *   IN_FORCE --> SUSPENDED | TERMINATED
 *   SUSPENDED --> IN_FORCE | TERMINATED
 *   TERMINATED is final.
 *
 * Each change ends the current status period on its effective date and starts a new one, so the
 * status history is a list of contiguous half-open periods and the status on any date is known.
 */
import { periodContaining, type DatePeriod, type IsoDate } from './dates.js';

export const AGREEMENT_STATUSES = ['SIGNED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_KINDS = ['BILATERAL', 'PLURILATERAL'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** How precisely a source gives a date (the signing date of some agreements is known to the month or year only). */
export const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR', 'UNKNOWN'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export interface AgreementStatusPeriod {
  status: AgreementStatus;
  from: IsoDate;
  to: IsoDate | null;
}

/** The statuses an agreement can take next, from each status (NONE: nothing recorded yet). */
export const AGREEMENT_TRANSITIONS: Readonly<Record<AgreementStatus | 'NONE', readonly AgreementStatus[]>> = {
  NONE: ['SIGNED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED'],
  SIGNED: ['IN_FORCE', 'TERMINATED'],
  IN_FORCE: ['SUSPENDED', 'TERMINATED'],
  SUSPENDED: ['IN_FORCE', 'TERMINATED'],
  TERMINATED: [],
};

function isAgreementStatus(value: string): value is AgreementStatus {
  return (AGREEMENT_STATUSES as readonly string[]).includes(value);
}

/**
 * Why agreement `agreementId` cannot go from its `current` status (null: none recorded yet) to `next`,
 * or null when it can. A status the lifecycle does not know allows no change.
 */
export function agreementTransitionRefusal(agreementId: string, current: string | null, next: AgreementStatus): string | null {
  const from = current ?? 'NONE';
  const allowed = current === null ? AGREEMENT_TRANSITIONS.NONE : isAgreementStatus(current) ? AGREEMENT_TRANSITIONS[current] : [];
  if (allowed.includes(next)) return null;
  return `Agreement ${agreementId} is ${from}; ${allowed.length ? `it can only become ${allowed.join(' or ')}` : 'that is final'}, not ${next}.`;
}

/**
 * Why a status change effective on `effectiveOn` cannot follow the current status period, or null when
 * it can: changes are recorded in order, each after the start of the current status.
 */
export function statusChangeDateRefusal(current: { status: string; from: IsoDate } | null, effectiveOn: IsoDate): string | null {
  if (!current || effectiveOn > current.from) return null;
  return `${effectiveOn} must be after the start of the current status (${current.status} from ${current.from}): changes are recorded in order.`;
}

/** The status period of an agreement's history containing `date`; null before its first status (or in a gap). */
export function agreementStatusOn<P extends DatePeriod & { status: string }>(history: readonly P[], date: IsoDate): P | null {
  return periodContaining(history, date);
}

export function agreementInForceOn(history: readonly (DatePeriod & { status: string })[], date: IsoDate): boolean {
  return agreementStatusOn(history, date)?.status === 'IN_FORCE';
}

/** The first IN_FORCE period of an agreement's history (its entry into force), or null if it never entered into force. */
export function entryIntoForce<P extends { status: string }>(history: readonly P[]): P | null {
  return history.find((p) => p.status === 'IN_FORCE') ?? null;
}

/** The status history of an agreement recorded as signed on `signedOn` and in force from `inForceFrom` (null: not yet). */
export function initialStatusPeriods(signedOn: IsoDate, inForceFrom: IsoDate | null): AgreementStatusPeriod[] {
  const periods: AgreementStatusPeriod[] = [];
  if (inForceFrom === null || inForceFrom > signedOn) periods.push({ status: 'SIGNED', from: signedOn, to: inForceFrom });
  if (inForceFrom !== null) periods.push({ status: 'IN_FORCE', from: inForceFrom, to: null });
  return periods;
}

export interface RecognitionWindow {
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
}

/**
 * A recognition's window after its agreement becomes `status` on `effectiveOn`: explicit dates win;
 * otherwise entry into force opens an undated recognition and termination closes an open one.
 */
export function recognitionWindowAfter(
  status: AgreementStatus,
  effectiveOn: IsoDate,
  current: RecognitionWindow,
  explicit: { effectiveFrom?: IsoDate | null; effectiveTo?: IsoDate | null } = {},
): RecognitionWindow {
  let { effectiveFrom, effectiveTo } = current;
  if (explicit.effectiveFrom != null) effectiveFrom = explicit.effectiveFrom;
  else if (status === 'IN_FORCE' && effectiveFrom === null) effectiveFrom = effectiveOn;
  if (explicit.effectiveTo != null) effectiveTo = explicit.effectiveTo;
  else if (status === 'TERMINATED' && (effectiveTo === null || effectiveTo > effectiveOn)) effectiveTo = effectiveOn;
  return { effectiveFrom, effectiveTo };
}

// ---------------------------------------------------------------- consent and recording time

/**
 * How far back a party may date an act that changes recognition (entry into force, a direction's start
 * or end, a status change), in days before the day it is recorded. Beyond it the act is refused
 * (RETROACTIVE_WINDOW_EXCEEDED): a recognition cannot be granted, or taken away, long after the fact
 * through the API. The default; deployments set AGREEMENT_RETROACTIVE_DAYS.
 */
export const DEFAULT_RETROACTIVE_WINDOW_DAYS = 30;

/** The earliest date an act recorded on `today` may take effect from, with a window of `windowDays`. */
export function earliestRetroactiveDate(today: IsoDate, windowDays: number): IsoDate {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - windowDays);
  return d.toISOString().slice(0, 10);
}

/** Why `date` is too far in the past to be recorded on `today`, or null when it is within the window. */
export function retroactiveRefusal(date: IsoDate, today: IsoDate, windowDays: number): string | null {
  const earliest = earliestRetroactiveDate(today, windowDays);
  if (date >= earliest) return null;
  return `${date} is more than ${windowDays} days before today (${today}): acts changing recognition may be dated back to ${earliest} at the earliest.`;
}

/** True when something effective from `from` was recorded (ISO timestamp `recordedAt`) on a later day: it was recorded after the fact. */
export function isRetroactive(from: IsoDate | null, recordedAt: string | null): boolean {
  return from !== null && recordedAt !== null && from < recordedAt.slice(0, 10);
}

/** A proposed agreement's state: PENDING (no effect on anything) until every other party confirms it, or one declines it. */
export const AGREEMENT_PROPOSAL_STATUSES = ['PENDING', 'CONFIRMED', 'DECLINED'] as const;
export type AgreementProposalStatus = (typeof AGREEMENT_PROPOSAL_STATUSES)[number];
