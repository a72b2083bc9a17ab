/**
 * The life of a trusted trader certification, as pure functions: which change is possible in which
 * status, what its input must satisfy, and the state after it. The one transition table, used by the
 * certification mutations (operators subgraph) and by the register import (src/exchange).
 *
 *   (none) --CERTIFIED--> CERTIFIED
 *   CERTIFIED --SUSPENDED--> SUSPENDED --REINSTATED--> CERTIFIED
 *   CERTIFIED | SUSPENDED --REVOKED--> REVOKED (final)
 *   CERTIFIED | SUSPENDED --TIER_CHANGED--> same status, another tier
 *   CERTIFIED --RENEWED--> CERTIFIED, new validity end (and optionally tier)
 *
 * Changes are recorded in order: a change may take effect in the past (recorded late), but not before
 * the latest recorded change, and not after the latest allowed date (today, with a day's margin for
 * time zones). So the state after the latest event is always the current state, and the event
 * history yields the state on every past date.
 */
import { isIsoDate, type IsoDate } from './dates.js';
import { conflictError, Problems, validationError, type MutationErrorResult } from './mutation-results.js';

export const CERTIFICATION_STATUSES = ['CERTIFIED', 'SUSPENDED', 'REVOKED', 'WITHDRAWN'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** Every kind of event in a certification's history (WITHDRAWN comes only from the register data). */
export const CERTIFICATION_EVENT_TYPES = ['CERTIFIED', 'TIER_CHANGED', 'SUSPENDED', 'REINSTATED', 'REVOKED', 'WITHDRAWN', 'RENEWED'] as const;
export type CertificationEventType = (typeof CERTIFICATION_EVENT_TYPES)[number];

/** The changes of an existing certification. */
export type CertificationChange = 'TIER_CHANGED' | 'SUSPENDED' | 'REINSTATED' | 'REVOKED' | 'RENEWED';

/** The statuses each change can start from. */
export const CERTIFICATION_TRANSITIONS: Readonly<Record<CertificationChange, readonly CertificationStatus[]>> = {
  SUSPENDED: ['CERTIFIED'],
  REINSTATED: ['SUSPENDED'],
  REVOKED: ['CERTIFIED', 'SUSPENDED'],
  TIER_CHANGED: ['CERTIFIED', 'SUSPENDED'],
  RENEWED: ['CERTIFIED'],
};

const verb: Record<CertificationChange, string> = {
  SUSPENDED: 'suspended',
  REINSTATED: 'reinstated',
  REVOKED: 'revoked',
  TIER_CHANGED: 'moved to another tier',
  RENEWED: 'renewed',
};

/** The status after `change` from `status` (the change must be allowed from it). */
export function statusAfter(change: CertificationChange, status: CertificationStatus): CertificationStatus {
  if (change === 'SUSPENDED') return 'SUSPENDED';
  if (change === 'REINSTATED') return 'CERTIFIED';
  if (change === 'REVOKED') return 'REVOKED';
  return status;
}

/** True when a certification in `status` can undergo `change` (so `status` is one it starts from). */
export function mayUndergo(status: string, change: CertificationChange): status is CertificationStatus {
  return (CERTIFICATION_TRANSITIONS[change] as readonly string[]).includes(status);
}

/** Why certification `certificationId` in `status` cannot undergo `change`. */
export function transitionRefusal(certificationId: string, status: string, change: CertificationChange): string {
  return `Certification ${JSON.stringify(certificationId)} is ${status}; only a ${CERTIFICATION_TRANSITIONS[change].join(' or ')} certification can be ${verb[change]}.`;
}

/** A certificate number: 1 to 64 letters, digits, spaces, ".", "/", "_" or "-", starting with a letter or digit. */
export const CERTIFICATE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$/;

export interface CertificationState {
  status: CertificationStatus;
  tierCode: string | null;
  validUntil: IsoDate | null;
}

export interface ChangeInput {
  effectiveOn: IsoDate;
  reason: string;
  /** TIER_CHANGED: the new tier; RENEWED: the tier after renewal (null/undefined: unchanged). */
  tier?: string | null;
  /** RENEWED: the new validity end (null/undefined: no end). */
  validUntil?: IsoDate | null;
}

export interface CurrentCertification {
  id: string;
  programCode: string;
  status: string;
  tierCode: string | null;
  validUntil: IsoDate | null;
  certifiedOn: IsoDate;
  version: number;
}

export interface LatestChange {
  type: string;
  effectiveOn: IsoDate;
}

export type ChangePlan = { ok: true; next: CertificationState } | { ok: false; error: MutationErrorResult };

/** Checks that apply to every dated change: a real date, not after `latestAllowed`, in order. */
export function checkEffectiveOn(
  problems: Problems,
  field: string,
  effectiveOn: string,
  latest: LatestChange | null,
  latestAllowed: IsoDate,
  certifiedOn?: IsoDate,
): void {
  if (!isIsoDate(effectiveOn)) {
    problems.add(field, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(effectiveOn)}.`);
    return;
  }
  if (effectiveOn > latestAllowed) problems.add(field, `${effectiveOn} is in the future: changes are recorded when they take effect or later.`);
  if (latest && effectiveOn < latest.effectiveOn) {
    problems.add(field, `${effectiveOn} is before the latest recorded change (${latest.type} effective ${latest.effectiveOn}): changes are recorded in order.`);
  } else if (certifiedOn && effectiveOn < certifiedOn) {
    problems.add(field, `${effectiveOn} is before the certification date ${certifiedOn}.`);
  }
}

/** Checks `change` of `current` (its programme has `tiers`) and returns the state after it, or the expected failure. */
export function planChange(
  change: CertificationChange,
  current: CurrentCertification,
  tiers: string[],
  latest: LatestChange | null,
  input: ChangeInput,
  latestAllowed: IsoDate,
): ChangePlan {
  const problems = new Problems();
  problems.text('reason', input.reason);
  checkEffectiveOn(problems, 'effectiveOn', input.effectiveOn, latest, latestAllowed, current.certifiedOn);
  const tierKnown = (tier: string) => tiers.includes(tier);
  const tierList = tiers.length ? tiers.join(', ') : 'none';
  let tierAfter = current.tierCode;
  let validUntilAfter = current.validUntil;
  if (change === 'TIER_CHANGED') {
    const tier = input.tier ?? '';
    if (!tierKnown(tier)) problems.add('tier', `${JSON.stringify(tier)} is not a tier of ${current.programCode} (tiers: ${tierList}).`);
    else if (tier === current.tierCode) problems.add('tier', `${tier} is already the certification's tier.`);
    tierAfter = tier;
  }
  if (change === 'RENEWED') {
    if (input.tier != null) {
      if (!tierKnown(input.tier)) problems.add('tier', `${JSON.stringify(input.tier)} is not a tier of ${current.programCode} (tiers: ${tierList}).`);
      tierAfter = input.tier;
    }
    validUntilAfter = input.validUntil ?? null;
    if (validUntilAfter !== null && isIsoDate(validUntilAfter) && isIsoDate(input.effectiveOn) && validUntilAfter <= input.effectiveOn) {
      problems.add('validUntil', `${validUntilAfter} must be after effectiveOn ${input.effectiveOn}.`);
    }
  }
  if (problems.any) return { ok: false, error: validationError(problems.list) };
  const status = current.status;
  if (!mayUndergo(status, change)) {
    return { ok: false, error: conflictError('INVALID_TRANSITION', transitionRefusal(current.id, status, change), current.version) };
  }
  return { ok: true, next: { status: statusAfter(change, status), tierCode: tierAfter, validUntil: validUntilAfter } };
}
