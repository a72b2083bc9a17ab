/**
 * Agreement mutations, by the agreement's parties with the `write` scope. Same pattern as the
 * certification mutations: one transaction (with the idempotency record), expected failures rolled back
 * and returned, a conditional update on the version, fresh loaders afterwards.
 *
 * Each administration records only its own acts. A new agreement is proposed by one party and stays a
 * PENDING proposal (in its own table: no effect on recognition or need-to-know) until every other party
 * confirms it; the last confirmation records the agreement. In a status change a party dates only its own
 * directions, and a suspension is lifted only by the administration that recorded it. Every date that
 * changes recognition is at most the retroactive window in the past (RETROACTIVE_WINDOW_EXCEEDED), and what
 * was dated back stays visible (recordedAt, recordedBy, retroactive).
 *
 * Status over time and the changes allowed: the agreement lifecycle (src/domain/agreement-lifecycle.ts).
 */
import type { Agreement, AgreementStatusPeriod } from '../../data/registry-repository.js';
import {
  AgreementChangesRepository,
  type AgreementProposalView,
  type NewAgreement,
  type ProposedAgreement,
  type RecognitionDates,
} from '../../data/agreement-changes-repository.js';
import { Rollback, type Tx } from '../../data/idempotency-repository.js';
import { assertMayWrite, forbidden } from '../../platform/access.js';
import { isIsoDate, latestEffectiveDate, todayUtc } from '../../domain/dates.js';
import {
  agreementTransitionRefusal,
  initialStatusPeriods,
  recognitionWindowAfter,
  retroactiveRefusal,
  statusChangeDateRefusal,
} from '../../domain/agreement-lifecycle.js';
import {
  conflictError,
  notFoundError,
  Problems,
  retroactiveWindowExceeded,
  validationError,
  versionConflict,
  type MutationErrorResult,
} from '../../domain/mutation-results.js';
import { write } from '../subgraph-mutations.js';
import type { ChangeAgreementStatusInput, DecideAgreementInput, RecordAgreementInput } from './generated/resolvers-types.js';
import type { RegistryContext } from './context.js';

export type ProposeAgreementResult = { __typename: 'ProposeAgreementSuccess'; proposal: AgreementProposalView } | MutationErrorResult;
export type ConfirmAgreementResult =
  { __typename: 'ConfirmAgreementSuccess'; proposal: AgreementProposalView; agreement: Agreement | null } | MutationErrorResult;
export type DeclineAgreementResult = { __typename: 'DeclineAgreementSuccess'; proposal: AgreementProposalView } | MutationErrorResult;
export type ChangeAgreementStatusResult =
  { __typename: 'ChangeAgreementStatusSuccess'; agreement: Agreement; statusPeriod: AgreementStatusPeriod } | MutationErrorResult;

const AGREEMENT_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
const URL_RE = /^https?:\/\/\S+$/;

function date(problems: Problems, field: string, value: string | null | undefined): value is string {
  if (value == null) return false;
  if (!isIsoDate(value)) {
    problems.add(field, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}.`);
    return false;
  }
  return true;
}

/** Dates that change recognition, checked against the retroactive window (a separate list: its own error code). */
class Window {
  readonly problems = new Problems();
  constructor(
    private readonly today: string,
    private readonly days: number,
  ) {}
  check(field: string, value: string | null | undefined): void {
    if (value == null || !isIsoDate(value)) return;
    const refusal = retroactiveRefusal(value, this.today, this.days);
    if (refusal) this.problems.add(field, refusal);
  }
}

/** Every problem first (VALIDATION_FAILED); if the only problems are dates beyond the window, RETROACTIVE_WINDOW_EXCEEDED. */
function refuse(problems: Problems, window: Window): void {
  if (problems.any) throw new Rollback(validationError([...problems.list, ...window.problems.list]));
  if (window.problems.any) throw new Rollback(retroactiveWindowExceeded(window.problems.list));
}

const changes = (tx: Tx) => new AgreementChangesRepository(tx);

const recordedNote = (ctx: RegistryContext, at: string, text: string) =>
  `${text.trim()} (recorded by ${ctx.viewer.clientId} of ${ctx.viewer.administrationCode} on ${at.slice(0, 10)})`;

/** The checks of a proposed agreement against the registry: every problem, and the dates beyond the window. */
async function checkProposal(input: ProposedAgreement, repo: AgreementChangesRepository, window: Window): Promise<Problems> {
  const problems = new Problems();
  const partyAdministrations = input.parties.map((p) => p.administration);
  const id = input.id.trim();
  if (!AGREEMENT_ID.test(id) || id.length > 64) problems.add('id', 'must be upper-case letters, digits and dashes, like MRA-US-KR (at most 64 characters).');
  problems.text('title', input.title);
  const kind = input.kind ?? 'BILATERAL';
  if (kind === 'BILATERAL' && input.parties.length !== 2) problems.add('parties', `a bilateral agreement has exactly 2 parties, got ${input.parties.length}.`);
  if (kind === 'PLURILATERAL' && input.parties.length < 3)
    problems.add('parties', `a plurilateral agreement has at least 3 parties, got ${input.parties.length}.`);

  const programCodes = [...new Set([...input.parties.map((p) => p.program), ...input.directions.map((d) => d.recognizedProgram)])];
  const [administrations, programs, benefits] = await Promise.all([
    repo.administrationCodes([...new Set([...partyAdministrations, ...input.directions.map((d) => d.recognizingAdministration)])]),
    repo.programs(programCodes),
    repo.benefitCodes([...new Set(input.directions.flatMap((d) => d.benefits ?? []))]),
  ]);
  const seenAdministrations = new Set<string>();
  input.parties.forEach((p, i) => {
    if (!administrations.has(p.administration)) problems.add(`parties.${i}.administration`, `no administration ${JSON.stringify(p.administration)}.`);
    else if (seenAdministrations.has(p.administration)) problems.add(`parties.${i}.administration`, `${p.administration} is listed twice.`);
    seenAdministrations.add(p.administration);
    const program = programs.get(p.program);
    if (!program) problems.add(`parties.${i}.program`, `no programme ${JSON.stringify(p.program)}.`);
    else if (program.administrationCode !== p.administration)
      problems.add(`parties.${i}.program`, `${p.program} is run by ${program.administrationCode}, not ${p.administration}.`);
  });

  const today = latestEffectiveDate();
  const signed = date(problems, 'signedOn', input.signedOn);
  if (signed && input.signedOn > today) problems.add('signedOn', `${input.signedOn} is in the future: record an agreement once it is signed.`);
  const inForceFrom = input.inForceFrom ?? null;
  if (date(problems, 'inForceFrom', inForceFrom)) {
    if (signed && inForceFrom < input.signedOn) problems.add('inForceFrom', `${inForceFrom} is before the signing date ${input.signedOn}.`);
    else if (inForceFrom > today) problems.add('inForceFrom', `${inForceFrom} is in the future: record entry into force when it happens.`);
    else window.check('inForceFrom', inForceFrom);
  }
  (input.sources ?? []).forEach((url, i) => {
    if (!URL_RE.test(url)) problems.add(`sources.${i}`, `${JSON.stringify(url)} is not an http(s) URL.`);
  });

  if (!input.directions.length) problems.add('directions', 'at least one direction (who recognizes whose programme) is required.');
  const seenDirections = new Set<string>();
  input.directions.forEach((d, i) => {
    const at = `directions.${i}`;
    if (!seenAdministrations.has(d.recognizingAdministration))
      problems.add(`${at}.recognizingAdministration`, `${d.recognizingAdministration} is not a party.`);
    const partyProgram = input.parties.find((p) => p.program === d.recognizedProgram);
    const program = programs.get(d.recognizedProgram);
    if (!partyProgram) problems.add(`${at}.recognizedProgram`, `${d.recognizedProgram} is not a party's programme.`);
    else if (partyProgram.administration === d.recognizingAdministration)
      problems.add(`${at}.recognizedProgram`, `${d.recognizingAdministration} cannot recognize its own programme through an agreement.`);
    const key = `${d.recognizingAdministration}<-${d.recognizedProgram}`;
    if (seenDirections.has(key)) problems.add(at, `the direction ${key} is listed twice.`);
    seenDirections.add(key);
    (d.eligibleTiers ?? []).forEach((t, k) => {
      if (program && !program.tiers.includes(t))
        problems.add(`${at}.eligibleTiers.${k}`, `${JSON.stringify(t)} is not a tier of ${program.code} (tiers: ${program.tiers.join(', ') || 'none'}).`);
    });
    (d.benefits ?? []).forEach((b, k) => {
      if (!benefits.has(b)) problems.add(`${at}.benefits.${k}`, `no benefit ${JSON.stringify(b)} (see Query.benefits).`);
    });
    const from = d.effectiveFrom ?? inForceFrom;
    if (date(problems, `${at}.effectiveFrom`, d.effectiveFrom)) {
      if (signed && d.effectiveFrom < input.signedOn) problems.add(`${at}.effectiveFrom`, `${d.effectiveFrom} is before the signing date ${input.signedOn}.`);
      else window.check(`${at}.effectiveFrom`, d.effectiveFrom);
    }
    if (date(problems, `${at}.effectiveTo`, d.effectiveTo)) {
      if (from && isIsoDate(from) && d.effectiveTo <= from) problems.add(`${at}.effectiveTo`, `${d.effectiveTo} must be after the start ${from}.`);
      else window.check(`${at}.effectiveTo`, d.effectiveTo);
    }
  });
  return problems;
}

const normalized = (input: RecordAgreementInput): ProposedAgreement => ({ ...input, id: input.id.trim(), kind: input.kind ?? 'BILATERAL' });

export async function proposeAgreement(input: RecordAgreementInput, ctx: RegistryContext): Promise<ProposeAgreementResult> {
  assertMayWrite(ctx.viewer, 'propose agreements');
  const partyAdministrations = input.parties.map((p) => p.administration);
  if (!partyAdministrations.includes(ctx.viewer.administrationCode)) {
    throw forbidden(
      `Only a party may propose an agreement; ${ctx.viewer.administrationCode} is not among ${partyAdministrations.join(', ') || 'the parties'}.`,
    );
  }
  return write(ctx, 'proposeAgreement', input, changes, async (repo): Promise<ProposeAgreementResult> => {
    const proposal = normalized(input);
    const window = new Window(todayUtc(), ctx.retroactiveWindowDays);
    refuse(await checkProposal(proposal, repo, window), window);
    if (await repo.exists(proposal.id)) throw new Rollback(conflictError('ALREADY_EXISTS', `Agreement ${JSON.stringify(proposal.id)} already exists.`));
    if ((await repo.latestProposal(proposal.id))?.status === 'PENDING') {
      throw new Rollback(conflictError('ALREADY_EXISTS', `Agreement ${JSON.stringify(proposal.id)} is already proposed and waiting for confirmation.`));
    }
    const created = await repo.createProposal({
      proposal,
      proposedByAdministration: ctx.viewer.administrationCode,
      proposedBy: ctx.viewer.clientId,
      proposedAt: new Date().toISOString(),
      awaiting: [...new Set(partyAdministrations.filter((a) => a !== ctx.viewer.administrationCode))],
    });
    return { __typename: 'ProposeAgreementSuccess', proposal: created };
  });
}

/**
 * The pending proposal a party decides on. A proposal the caller's administration is not a party to reads
 * as one that does not exist (NOT_FOUND): proposals are between their parties.
 */
async function proposalToDecide(repo: AgreementChangesRepository, ctx: RegistryContext, agreementId: string): Promise<AgreementProposalView> {
  const proposal = await repo.latestProposal(agreementId);
  if (!proposal || !proposal.proposal.parties.some((p) => p.administration === ctx.viewer.administrationCode)) {
    throw new Rollback(notFoundError('AgreementProposal', agreementId));
  }
  if (proposal.status !== 'PENDING') {
    throw new Rollback(
      conflictError('INVALID_TRANSITION', `The proposal of agreement ${agreementId} is ${proposal.status}: it can no longer be confirmed or declined.`),
    );
  }
  return proposal;
}

/** Records the agreement of a proposal every party has confirmed. */
async function recordConfirmed(
  view: AgreementProposalView,
  confirmations: { administration: string; client: string }[],
  ctx: RegistryContext,
  repo: AgreementChangesRepository,
  at: string,
) {
  const input = view.proposal;
  if (await repo.exists(input.id)) throw new Rollback(conflictError('ALREADY_EXISTS', `Agreement ${JSON.stringify(input.id)} already exists.`));
  const inForceFrom = input.inForceFrom ?? null;
  const consent = `proposed by ${view.proposedBy} of ${view.proposedByAdministration} on ${view.proposedAt.slice(0, 10)}, confirmed by ${confirmations
    .map((c) => `${c.client} of ${c.administration}`)
    .join(', ')}`;
  const clientOf = (administration: string) =>
    administration === view.proposedByAdministration
      ? view.proposedBy
      : (confirmations.find((c) => c.administration === administration)?.client ?? ctx.viewer.clientId);
  const statusPeriods: NewAgreement['statusPeriods'] = initialStatusPeriods(input.signedOn, inForceFrom).map((period) => ({
    ...period,
    basis: 'SOURCE',
    note: recordedNote(ctx, at, `${period.status === 'SIGNED' ? 'Signed' : 'In force'}; ${consent}`),
    recordedAt: at,
    recordedBy: ctx.viewer.clientId,
    recordedByAdministration: ctx.viewer.administrationCode,
  }));
  return repo.create({
    agreement: {
      id: input.id,
      kind: input.kind ?? 'BILATERAL',
      title: input.title.trim(),
      signedOn: input.signedOn,
      signedPrecision: 'DAY',
      signedPlace: input.signedAt ?? null,
      signedAsReported: input.signedOn,
      inForceAsReported: inForceFrom ?? 'not yet in force',
      directionNote: input.directionNote ?? '',
      scopeNote: input.scopeNote ?? '',
      sourceUrls: (input.sources ?? []).join(' '),
      verification: 'recorded',
    },
    parties: input.parties.map((p) => ({ agreementId: input.id, administrationCode: p.administration, programCode: p.program })),
    statusPeriods,
    recognitions: input.directions.map((d) => {
      const effectiveFrom = d.effectiveFrom ?? inForceFrom;
      return {
        id: `${input.id}:${d.recognizingAdministration}<-${d.recognizedProgram}`,
        recognizingAdministrationCode: d.recognizingAdministration,
        recognizedProgramCode: d.recognizedProgram,
        eligibleTiers: (d.eligibleTiers ?? []).join(' '),
        coveredRoles: (d.coveredRoles ?? []).join(' '),
        effectiveFrom,
        effectiveTo: d.effectiveTo ?? null,
        effectiveBasis: effectiveFrom ? 'SOURCE' : 'UNKNOWN',
        note: recordedNote(ctx, at, `${d.note ?? 'Direction'}; ${consent}`),
        recordedAt: at,
        recordedBy: clientOf(d.recognizingAdministration),
        benefitCodes: [...new Set(d.benefits ?? [])],
        benefitDetail: `Recorded by ${clientOf(d.recognizingAdministration)} of ${d.recognizingAdministration}`,
      };
    }),
  });
}

export async function confirmAgreement(input: DecideAgreementInput, ctx: RegistryContext): Promise<ConfirmAgreementResult> {
  assertMayWrite(ctx.viewer, 'confirm agreements');
  return write(ctx, 'confirmAgreement', input, changes, async (repo): Promise<ConfirmAgreementResult> => {
    const view = await proposalToDecide(repo, ctx, input.agreementId);
    if (view.proposedByAdministration === ctx.viewer.administrationCode) {
      throw forbidden(`${ctx.viewer.administrationCode} proposed agreement ${input.agreementId}: only the other parties confirm it.`);
    }
    if (!view.awaitingAdministrations.includes(ctx.viewer.administrationCode)) {
      throw new Rollback(conflictError('INVALID_TRANSITION', `${ctx.viewer.administrationCode} has already confirmed agreement ${input.agreementId}.`));
    }
    const problems = new Problems();
    problems.text('reason', input.reason);
    // The recognition starts when the last party confirms: its dates are checked against the window again, today.
    const window = new Window(todayUtc(), ctx.retroactiveWindowDays);
    window.check('inForceFrom', view.proposal.inForceFrom);
    view.proposal.directions.forEach((d, i) => {
      window.check(`directions.${i}.effectiveFrom`, d.effectiveFrom);
      window.check(`directions.${i}.effectiveTo`, d.effectiveTo);
    });
    refuse(problems, window);

    const at = new Date().toISOString();
    const awaiting = view.awaitingAdministrations.filter((a) => a !== ctx.viewer.administrationCode);
    const confirmations = [...view.confirmations, { administration: ctx.viewer.administrationCode, client: ctx.viewer.clientId }];
    const last = awaiting.length === 0;
    const decided = await repo.decide(view.id, view.awaitingAdministrations, {
      status: last ? 'CONFIRMED' : 'PENDING',
      awaiting,
      confirmations,
      decidedAt: last ? at : null,
      decidedBy: last ? ctx.viewer.clientId : null,
      decisionReason: last ? input.reason.trim() : null,
    });
    if (!decided)
      throw new Rollback(
        conflictError('VERSION_CONFLICT', `The proposal of agreement ${input.agreementId} was decided by someone else meanwhile: read it again.`),
      );
    const agreement = last ? await recordConfirmed(decided, confirmations, ctx, repo, at) : null;
    return { __typename: 'ConfirmAgreementSuccess', proposal: decided, agreement };
  });
}

export async function declineAgreement(input: DecideAgreementInput, ctx: RegistryContext): Promise<DeclineAgreementResult> {
  assertMayWrite(ctx.viewer, 'decline agreements');
  return write(ctx, 'declineAgreement', input, changes, async (repo): Promise<DeclineAgreementResult> => {
    const view = await proposalToDecide(repo, ctx, input.agreementId);
    const problems = new Problems();
    problems.text('reason', input.reason);
    if (problems.any) throw new Rollback(validationError(problems.list));
    const decided = await repo.decide(view.id, view.awaitingAdministrations, {
      status: 'DECLINED',
      awaiting: view.awaitingAdministrations,
      confirmations: view.confirmations,
      decidedAt: new Date().toISOString(),
      decidedBy: ctx.viewer.clientId,
      decisionReason: input.reason.trim(),
    });
    if (!decided)
      throw new Rollback(
        conflictError('VERSION_CONFLICT', `The proposal of agreement ${input.agreementId} was decided by someone else meanwhile: read it again.`),
      );
    return { __typename: 'DeclineAgreementSuccess', proposal: decided };
  });
}

export async function changeAgreementStatus(input: ChangeAgreementStatusInput, ctx: RegistryContext): Promise<ChangeAgreementStatusResult> {
  assertMayWrite(ctx.viewer, 'change agreements');
  return write(ctx, 'changeAgreementStatus', input, changes, async (repo) => {
    const found = await repo.forChange(input.agreementId);
    if (!found) throw new Rollback(notFoundError('Agreement', input.agreementId));
    const { agreement } = found;
    const parties = [...new Set(found.parties.map((p) => p.administrationCode))];
    if (!parties.includes(ctx.viewer.administrationCode)) {
      throw forbidden(`Only the parties (${parties.join(', ')}) may change agreement ${agreement.id}; ${ctx.viewer.administrationCode} may not.`);
    }
    if (agreement.version !== input.expectedVersion) throw new Rollback(versionConflict('Agreement', agreement.id, input.expectedVersion, agreement.version));

    const problems = new Problems();
    const window = new Window(todayUtc(), ctx.retroactiveWindowDays);
    problems.text('reason', input.reason);
    const latest = found.statusPeriods.at(-1) ?? null;
    const outOfOrder = date(problems, 'effectiveOn', input.effectiveOn) ? statusChangeDateRefusal(latest, input.effectiveOn) : null;
    if (outOfOrder) problems.add('effectiveOn', outOfOrder);
    else if (isIsoDate(input.effectiveOn) && input.effectiveOn > latestEffectiveDate())
      problems.add('effectiveOn', `${input.effectiveOn} is in the future: record a change when it takes effect.`);
    window.check('effectiveOn', input.effectiveOn);
    // A suspension is lifted only by the administration that recorded it (curated suspensions: by any party).
    if (
      latest?.status === 'SUSPENDED' &&
      input.status === 'IN_FORCE' &&
      latest.recordedByAdministration &&
      latest.recordedByAdministration !== ctx.viewer.administrationCode
    ) {
      throw forbidden(
        `Only ${latest.recordedByAdministration}, which suspended agreement ${agreement.id}, may resume it; ${ctx.viewer.administrationCode} may not.`,
      );
    }
    const directions = new Map(found.recognitions.map((r) => [r.recognizingAdministrationCode, r]));
    const overrides = new Map<string, { effectiveFrom?: string | null; effectiveTo?: string | null }>();
    (input.directions ?? []).forEach((d, i) => {
      const at = `directions.${i}`;
      if (!directions.has(d.recognizingAdministration)) {
        problems.add(
          `${at}.recognizingAdministration`,
          `agreement ${agreement.id} has no direction in which ${d.recognizingAdministration} recognizes a programme (directions: ${[...directions.keys()].join(', ') || 'none'}).`,
        );
      } else if (d.recognizingAdministration !== ctx.viewer.administrationCode) {
        // Each direction is its recognizing administration's act.
        throw forbidden(
          `Only ${d.recognizingAdministration} may date the direction in which it recognizes a programme; ${ctx.viewer.administrationCode} may not.`,
        );
      }
      if (overrides.has(d.recognizingAdministration)) problems.add(`${at}.recognizingAdministration`, `${d.recognizingAdministration} is listed twice.`);
      if (date(problems, `${at}.effectiveFrom`, d.effectiveFrom)) window.check(`${at}.effectiveFrom`, d.effectiveFrom);
      if (date(problems, `${at}.effectiveTo`, d.effectiveTo)) window.check(`${at}.effectiveTo`, d.effectiveTo);
      overrides.set(d.recognizingAdministration, d);
    });
    refuse(problems, window);

    const refusal = agreementTransitionRefusal(agreement.id, latest?.status ?? null, input.status);
    if (refusal) throw new Rollback(conflictError('INVALID_TRANSITION', refusal, agreement.version));

    // Each direction's dates after the change (explicit ones, else the lifecycle's).
    const at = new Date().toISOString();
    const dated: RecognitionDates[] = [];
    for (const r of found.recognitions) {
      const { effectiveFrom, effectiveTo } = recognitionWindowAfter(input.status, input.effectiveOn, r, overrides.get(r.recognizingAdministrationCode));
      if (effectiveFrom !== null && effectiveTo !== null && effectiveTo <= effectiveFrom) {
        problems.add(`directions`, `${r.recognizingAdministrationCode}'s recognition would end (${effectiveTo}) before it starts (${effectiveFrom}).`);
      }
      if (effectiveFrom !== r.effectiveFrom || effectiveTo !== r.effectiveTo) {
        const basis = effectiveFrom === null ? 'UNKNOWN' : effectiveFrom !== r.effectiveFrom ? 'SOURCE' : r.effectiveBasis;
        dated.push({ id: r.id, effectiveFrom, effectiveTo, effectiveBasis: basis, recordedAt: at, recordedBy: ctx.viewer.clientId });
      }
    }
    if (problems.any) throw new Rollback(validationError(problems.list));

    const close = latest && (latest.to === null || latest.to > input.effectiveOn) ? { periodId: latest.id, to: input.effectiveOn } : null;
    const changed = await repo.changeStatus(
      agreement.id,
      input.expectedVersion,
      close,
      {
        status: input.status,
        from: input.effectiveOn,
        to: null,
        basis: 'SOURCE',
        note: recordedNote(ctx, at, input.reason),
        recordedAt: at,
        recordedBy: ctx.viewer.clientId,
        recordedByAdministration: ctx.viewer.administrationCode,
      },
      dated,
    );
    if (!changed) throw new Rollback(versionConflict('Agreement', agreement.id, input.expectedVersion, await repo.currentVersion(agreement.id)));
    return { __typename: 'ChangeAgreementStatusSuccess' as const, agreement: changed.agreement, statusPeriod: changed.period };
  });
}
