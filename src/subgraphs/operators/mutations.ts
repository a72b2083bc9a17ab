/**
 * Certification mutations. Each one: the `write` scope, then in one transaction (with the idempotency
 * record when a key was sent): load, not found, owner (the administration running the programme, which
 * is the operator's administration; FORBIDDEN otherwise), expectedVersion, the certification lifecycle
 * (src/domain/certification-lifecycle.ts), then a conditional update on the version plus one event.
 * Expected failures roll back and are returned.
 */
import type { Certification, CertificationEvent } from '../../data/operators-repository.js';
import { CertificationChangesRepository, type NewEvent } from '../../data/certification-changes-repository.js';
import { Rollback, type Tx } from '../../data/idempotency-repository.js';
import { assertMayWrite, forbidden, maySeeOperatorDetails } from '../../platform/access.js';
import { isIsoDate, latestEffectiveDate } from '../../domain/dates.js';
import { conflictError, notFoundError, Problems, validationError, versionConflict, type MutationErrorResult } from '../../domain/mutation-results.js';
import {
  CERTIFICATE_NUMBER,
  checkEffectiveOn,
  planChange,
  type CertificationChange,
  type CertificationState,
  type ChangeInput,
} from '../../domain/certification-lifecycle.js';
import { write } from '../subgraph-mutations.js';
import type { OperatorsContext } from './context.js';

type SuccessTypename =
  | 'CertifyOperatorSuccess'
  | 'ChangeCertificationTierSuccess'
  | 'SuspendCertificationSuccess'
  | 'ReinstateCertificationSuccess'
  | 'RevokeCertificationSuccess'
  | 'RenewCertificationSuccess';

export interface CertificationChangeSuccess<T extends SuccessTypename = SuccessTypename> {
  __typename: T;
  /** The certification right after the change (also when a retry replays the stored result). */
  certification: Certification;
  event: CertificationEvent;
}

export type CertificationChangeResult<T extends SuccessTypename = SuccessTypename> = CertificationChangeSuccess<T> | MutationErrorResult;

function newEvent(
  ctx: OperatorsContext,
  type: string,
  effectiveOn: string,
  reason: string,
  before: { status: string; tierCode: string | null; validUntil: string | null } | null,
  after: CertificationState,
): NewEvent {
  return {
    type,
    effectiveOn,
    recordedAt: new Date().toISOString(),
    recordedBy: ctx.viewer.clientId,
    statusBefore: before?.status ?? null,
    tierBefore: before?.tierCode ?? null,
    validUntilBefore: before?.validUntil ?? null,
    statusAfter: after.status,
    tierAfter: after.tierCode,
    validUntilAfter: after.validUntil,
    reason: reason.trim(),
  };
}

const changes = (tx: Tx) => new CertificationChangesRepository(tx);

export interface ChangeMutationInput extends ChangeInput {
  certificationId: string;
  expectedVersion: number;
}

/** suspend, reinstate, revoke, change tier, renew: one flow, the state machine decides. */
export function changeCertification<T extends SuccessTypename>(operation: string, type: CertificationChange, typename: T) {
  return async (input: ChangeMutationInput, ctx: OperatorsContext): Promise<CertificationChangeResult<T>> => {
    assertMayWrite(ctx.viewer, `${operation} certifications`);
    return write(ctx, operation, input, changes, async (repo): Promise<CertificationChangeResult<T>> => {
      const found = await repo.forChange(input.certificationId);
      if (!found) throw new Rollback(notFoundError('Certification', input.certificationId));
      const { certification: current } = found;
      const owner = found.programAdministration ?? found.operatorAdministration;
      if (owner !== ctx.viewer.administrationCode || found.operatorAdministration !== ctx.viewer.administrationCode) {
        // A certification the caller may not see reads as one that does not exist (no existence oracle).
        const held = (await repo.certificationsOf(current.operatorId)).map((c) => c.programCode);
        if (!maySeeOperatorDetails(ctx.viewer, found.operatorAdministration, held)) throw new Rollback(notFoundError('Certification', input.certificationId));
        throw forbidden(`Only ${owner}, which runs ${current.programCode}, may change certification ${current.id}; ${ctx.viewer.administrationCode} may not.`);
      }
      if (current.version !== input.expectedVersion) {
        throw new Rollback(versionConflict('Certification', current.id, input.expectedVersion, current.version));
      }
      const plan = planChange(type, current, found.tiers, found.latestEvent, input, latestEffectiveDate());
      if (!plan.ok) throw new Rollback(plan.error);
      const applied = await repo.apply(current.id, input.expectedVersion, plan.next, newEvent(ctx, type, input.effectiveOn, input.reason, current, plan.next));
      if (!applied) throw new Rollback(versionConflict('Certification', current.id, input.expectedVersion, await repo.currentVersion(current.id)));
      return { __typename: typename, ...applied };
    });
  };
}

export interface CertifyOperatorInput {
  operatorId: string;
  program: string;
  tier?: string | null;
  certificateNumber: string;
  certifiedOn: string;
  validUntil?: string | null;
  reason: string;
}

export async function certifyOperator(input: CertifyOperatorInput, ctx: OperatorsContext): Promise<CertificationChangeResult<'CertifyOperatorSuccess'>> {
  assertMayWrite(ctx.viewer, 'certify operators');
  return write(ctx, 'certifyOperator', input, changes, async (repo): Promise<CertificationChangeResult<'CertifyOperatorSuccess'>> => {
    const operator = await repo.operator(input.operatorId);
    if (!operator) throw new Rollback(notFoundError('Operator', input.operatorId));
    if (operator.administrationCode !== ctx.viewer.administrationCode) {
      throw forbidden(`Only ${operator.administrationCode} may certify operator ${operator.id}; ${ctx.viewer.administrationCode} may not.`);
    }
    const program = await repo.program(input.program);
    if (!program) throw new Rollback(notFoundError('Program', input.program));

    const problems = new Problems();
    if (program.administrationCode !== operator.administrationCode) {
      problems.add('program', `${program.code} is run by ${program.administrationCode}, not by ${operator.administrationCode}, the operator's administration.`);
    }
    const tier = input.tier ?? null;
    if (program.tiers.length && tier === null) problems.add('tier', `is required: ${program.code} has tiers (${program.tiers.join(', ')}).`);
    else if (tier !== null && !program.tiers.includes(tier)) {
      problems.add('tier', `${JSON.stringify(tier)} is not a tier of ${program.code} (tiers: ${program.tiers.length ? program.tiers.join(', ') : 'none'}).`);
    }
    const number = input.certificateNumber.trim();
    if (!CERTIFICATE_NUMBER.test(number))
      problems.add('certificateNumber', 'must be 1 to 64 letters, digits, spaces, ".", "/", "_" or "-", starting with a letter or digit.');
    checkEffectiveOn(problems, 'certifiedOn', input.certifiedOn, null, latestEffectiveDate());
    const validUntil = input.validUntil ?? null;
    if (validUntil !== null && isIsoDate(input.certifiedOn) && validUntil <= input.certifiedOn) {
      problems.add('validUntil', `${validUntil} must be after certifiedOn ${input.certifiedOn}.`);
    }
    problems.text('reason', input.reason);
    if (problems.any) throw new Rollback(validationError(problems.list));

    const held = (await repo.certificationsOf(operator.id)).find(
      (c) => c.programCode === program.code && (c.status === 'CERTIFIED' || c.status === 'SUSPENDED'),
    );
    if (held) {
      throw new Rollback(
        conflictError(
          'ALREADY_EXISTS',
          `Operator ${operator.id} already holds ${program.code} certification ${held.id} (${held.status}); change that one instead.`,
          held.version,
        ),
      );
    }
    const sameNumber = await repo.certificationByNumber(number);
    if (sameNumber) {
      // Name the other certification only when it is one of the caller's own.
      const own = (await repo.operator(sameNumber.operatorId))?.administrationCode === ctx.viewer.administrationCode;
      const by = own ? `certification ${sameNumber.id}` : 'another certification';
      throw new Rollback(conflictError('ALREADY_EXISTS', `Certificate number ${JSON.stringify(number)} is already used by ${by}.`));
    }

    let id = `CERT-${operator.id}`;
    for (let n = 2; await repo.certificationIdTaken(id); n++) id = `CERT-${operator.id}-${n}`;
    const state: CertificationState = { status: 'CERTIFIED', tierCode: tier, validUntil };
    const created = await repo.create(
      { id, operatorId: operator.id, programCode: program.code, certificateNumber: number, certifiedOn: input.certifiedOn, ...state },
      newEvent(ctx, 'CERTIFIED', input.certifiedOn, input.reason, null, state),
    );
    return { __typename: 'CertifyOperatorSuccess' as const, ...created };
  });
}
