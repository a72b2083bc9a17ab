/**
 * The certification state machine, as pure functions: which change is possible in which state, what
 * the input must satisfy, and the state after it. Used by the mutations and by the register import.
 *
 *   CERTIFIED --SUSPENDED--> SUSPENDED --REINSTATED--> CERTIFIED
 *   CERTIFIED | SUSPENDED --REVOKED--> REVOKED (final)
 *   CERTIFIED | SUSPENDED --TIER_CHANGED--> same status, another tier
 *   CERTIFIED --RENEWED--> CERTIFIED, new validity end (and optionally tier)
 *
 * Changes are recorded in order: a change may take effect in the past (recorded late), but not before
 * the latest recorded change, and not in the future. So the state after the latest event is always
 * the current state, and the event history yields the state on every past date (time travel).
 */
import type { CertificationState } from '../../data/certification-changes-repository.js';
import { isIsoDate } from '../../domain/recognition.js';
import { conflictError, Problems, validationError, type MutationErrorResult } from '../../domain/mutation-results.js';

export type ChangeType = 'TIER_CHANGED' | 'SUSPENDED' | 'REINSTATED' | 'REVOKED' | 'RENEWED';

/** The statuses each change can start from. */
export const allowedFrom: Record<ChangeType, string[]> = {
  SUSPENDED: ['CERTIFIED'],
  REINSTATED: ['SUSPENDED'],
  REVOKED: ['CERTIFIED', 'SUSPENDED'],
  TIER_CHANGED: ['CERTIFIED', 'SUSPENDED'],
  RENEWED: ['CERTIFIED'],
};

const verb: Record<ChangeType, string> = {
  SUSPENDED: 'suspended',
  REINSTATED: 'reinstated',
  REVOKED: 'revoked',
  TIER_CHANGED: 'moved to another tier',
  RENEWED: 'renewed',
};

export interface ChangeInput {
  effectiveOn: string;
  reason: string;
  /** TIER_CHANGED: the new tier; RENEWED: the tier after renewal (null/undefined: unchanged). */
  tier?: string | null;
  /** RENEWED: the new validity end (null/undefined: no end). */
  validUntil?: string | null;
}

export interface CurrentCertification {
  id: string;
  programCode: string;
  status: string;
  tierCode: string | null;
  validUntil: string | null;
  certifiedOn: string;
  version: number;
}

export interface LatestChange {
  type: string;
  effectiveOn: string;
}

export type ChangePlan = { ok: true; next: CertificationState } | { ok: false; error: MutationErrorResult };

/** Checks that apply to every dated change. */
export function checkEffectiveOn(
  problems: Problems,
  field: string,
  effectiveOn: string,
  latest: LatestChange | null,
  latestAllowed: string,
  certifiedOn?: string,
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

export function planChange(
  type: ChangeType,
  current: CurrentCertification,
  tiers: string[],
  latest: LatestChange | null,
  input: ChangeInput,
  latestAllowed: string,
): ChangePlan {
  const problems = new Problems();
  problems.text('reason', input.reason);
  checkEffectiveOn(problems, 'effectiveOn', input.effectiveOn, latest, latestAllowed, current.certifiedOn);
  const tierKnown = (tier: string) => tiers.includes(tier);
  const tierList = tiers.length ? tiers.join(', ') : 'none';
  let tierAfter = current.tierCode;
  let validUntilAfter = current.validUntil;
  if (type === 'TIER_CHANGED') {
    const tier = input.tier ?? '';
    if (!tierKnown(tier)) problems.add('tier', `${JSON.stringify(tier)} is not a tier of ${current.programCode} (tiers: ${tierList}).`);
    else if (tier === current.tierCode) problems.add('tier', `${tier} is already the certification's tier.`);
    tierAfter = tier;
  }
  if (type === 'RENEWED') {
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
  if (!allowedFrom[type].includes(current.status)) {
    return {
      ok: false,
      error: conflictError(
        'INVALID_TRANSITION',
        `Certification ${JSON.stringify(current.id)} is ${current.status}; only a ${allowedFrom[type].join(' or ')} certification can be ${verb[type]}.`,
        current.version,
      ),
    };
  }
  const status = type === 'SUSPENDED' ? 'SUSPENDED' : type === 'REINSTATED' ? 'CERTIFIED' : type === 'REVOKED' ? 'REVOKED' : current.status;
  return { ok: true, next: { status, tierCode: tierAfter, validUntil: validUntilAfter } };
}
