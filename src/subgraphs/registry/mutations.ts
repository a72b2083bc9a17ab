/**
 * Agreement mutations, by the agreement's parties with the `write` scope. Same pattern as the
 * certification mutations: one transaction (with the idempotency record), expected failures rolled back
 * and returned, a conditional update on the version, fresh loaders afterwards.
 *
 * Status over time and the changes allowed: the agreement lifecycle (src/domain/agreement-lifecycle.ts).
 */
import type { Agreement, AgreementStatusPeriod } from '../../data/registry-repository.js';
import { AgreementChangesRepository, type NewAgreement, type RecognitionDates } from '../../data/agreement-changes-repository.js';
import { Rollback, type Tx } from '../../data/idempotency-repository.js';
import { assertMayWrite, forbidden } from '../../platform/access.js';
import { isIsoDate, latestEffectiveDate } from '../../domain/dates.js';
import { agreementTransitionRefusal, initialStatusPeriods, recognitionWindowAfter, statusChangeDateRefusal } from '../../domain/agreement-lifecycle.js';
import { conflictError, notFoundError, Problems, validationError, versionConflict, type MutationErrorResult } from '../../domain/mutation-results.js';
import { write } from '../subgraph-mutations.js';
import type { ChangeAgreementStatusInput, RecordAgreementInput } from './generated/resolvers-types.js';
import type { RegistryContext } from './context.js';

export type RecordAgreementResult = { __typename: 'RecordAgreementSuccess'; agreement: Agreement } | MutationErrorResult;
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

const changes = (tx: Tx) => new AgreementChangesRepository(tx);

const recordedNote = (ctx: RegistryContext, at: string, text: string) =>
  `${text.trim()} (recorded by ${ctx.viewer.clientId} of ${ctx.viewer.administrationCode} on ${at.slice(0, 10)})`;

export async function recordAgreement(input: RecordAgreementInput, ctx: RegistryContext): Promise<RecordAgreementResult> {
  assertMayWrite(ctx.viewer, 'record agreements');
  const partyAdministrations = input.parties.map((p) => p.administration);
  if (!partyAdministrations.includes(ctx.viewer.administrationCode)) {
    throw forbidden(`Only a party may record an agreement; ${ctx.viewer.administrationCode} is not among ${partyAdministrations.join(', ') || 'the parties'}.`);
  }
  return write(ctx, 'recordAgreement', input, changes, async (repo) => {
    const problems = new Problems();
    const id = input.id.trim();
    if (!AGREEMENT_ID.test(id) || id.length > 64) problems.add('id', 'must be upper-case letters, digits and dashes, like MRA-US-KR (at most 64 characters).');
    problems.text('title', input.title);
    const kind = input.kind ?? 'BILATERAL';
    if (kind === 'BILATERAL' && input.parties.length !== 2)
      problems.add('parties', `a bilateral agreement has exactly 2 parties, got ${input.parties.length}.`);
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
    if (date(problems, 'inForceFrom', inForceFrom) && signed && inForceFrom! < input.signedOn)
      problems.add('inForceFrom', `${inForceFrom} is before the signing date ${input.signedOn}.`);
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
      if (date(problems, `${at}.effectiveFrom`, d.effectiveFrom) && signed && d.effectiveFrom! < input.signedOn) {
        problems.add(`${at}.effectiveFrom`, `${d.effectiveFrom} is before the signing date ${input.signedOn}.`);
      }
      if (date(problems, `${at}.effectiveTo`, d.effectiveTo) && from && isIsoDate(from) && d.effectiveTo! <= from) {
        problems.add(`${at}.effectiveTo`, `${d.effectiveTo} must be after the start ${from}.`);
      }
    });
    if (problems.any) throw new Rollback(validationError(problems.list));
    if (await repo.exists(id)) throw new Rollback(conflictError('ALREADY_EXISTS', `Agreement ${JSON.stringify(id)} already exists.`));

    const at = new Date().toISOString();
    const recorded = { recordedAt: at, recordedBy: ctx.viewer.clientId };
    const statusPeriods: NewAgreement['statusPeriods'] = initialStatusPeriods(input.signedOn, inForceFrom).map((period) => ({
      ...period,
      basis: 'SOURCE',
      note: recordedNote(ctx, at, period.status === 'SIGNED' ? 'Signed' : 'In force'),
      ...recorded,
    }));
    const agreement = await repo.create({
      agreement: {
        id,
        kind,
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
      parties: input.parties.map((p) => ({ agreementId: id, administrationCode: p.administration, programCode: p.program })),
      statusPeriods,
      recognitions: input.directions.map((d) => {
        const effectiveFrom = d.effectiveFrom ?? inForceFrom;
        return {
          id: `${id}:${d.recognizingAdministration}<-${d.recognizedProgram}`,
          recognizingAdministrationCode: d.recognizingAdministration,
          recognizedProgramCode: d.recognizedProgram,
          eligibleTiers: (d.eligibleTiers ?? []).join(' '),
          coveredRoles: (d.coveredRoles ?? []).join(' '),
          effectiveFrom,
          effectiveTo: d.effectiveTo ?? null,
          effectiveBasis: effectiveFrom ? 'SOURCE' : 'UNKNOWN',
          note: recordedNote(ctx, at, d.note ?? 'Direction'),
          benefitCodes: [...new Set(d.benefits ?? [])],
          benefitDetail: `Recorded by ${ctx.viewer.clientId} of ${ctx.viewer.administrationCode}`,
        };
      }),
    });
    return { __typename: 'RecordAgreementSuccess' as const, agreement };
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
    problems.text('reason', input.reason);
    const latest = found.statusPeriods.at(-1) ?? null;
    const outOfOrder = date(problems, 'effectiveOn', input.effectiveOn) ? statusChangeDateRefusal(latest, input.effectiveOn) : null;
    if (outOfOrder) problems.add('effectiveOn', outOfOrder);
    const directions = new Map(found.recognitions.map((r) => [r.recognizingAdministrationCode, r]));
    const overrides = new Map<string, { effectiveFrom?: string | null; effectiveTo?: string | null }>();
    (input.directions ?? []).forEach((d, i) => {
      const at = `directions.${i}`;
      if (!directions.has(d.recognizingAdministration)) {
        problems.add(
          `${at}.recognizingAdministration`,
          `agreement ${agreement.id} has no direction in which ${d.recognizingAdministration} recognizes a programme (directions: ${[...directions.keys()].join(', ') || 'none'}).`,
        );
      }
      if (overrides.has(d.recognizingAdministration)) problems.add(`${at}.recognizingAdministration`, `${d.recognizingAdministration} is listed twice.`);
      date(problems, `${at}.effectiveFrom`, d.effectiveFrom);
      date(problems, `${at}.effectiveTo`, d.effectiveTo);
      overrides.set(d.recognizingAdministration, d);
    });
    if (problems.any) throw new Rollback(validationError(problems.list));

    const refusal = agreementTransitionRefusal(agreement.id, latest?.status ?? null, input.status);
    if (refusal) throw new Rollback(conflictError('INVALID_TRANSITION', refusal, agreement.version));

    // Each direction's dates after the change (explicit ones, else the lifecycle's).
    const dated: RecognitionDates[] = [];
    for (const r of found.recognitions) {
      const { effectiveFrom, effectiveTo } = recognitionWindowAfter(input.status, input.effectiveOn, r, overrides.get(r.recognizingAdministrationCode));
      if (effectiveFrom !== null && effectiveTo !== null && effectiveTo <= effectiveFrom) {
        problems.add(`directions`, `${r.recognizingAdministrationCode}'s recognition would end (${effectiveTo}) before it starts (${effectiveFrom}).`);
      }
      if (effectiveFrom !== r.effectiveFrom || effectiveTo !== r.effectiveTo) {
        const basis = effectiveFrom === null ? 'UNKNOWN' : effectiveFrom !== r.effectiveFrom ? 'SOURCE' : r.effectiveBasis;
        dated.push({ id: r.id, effectiveFrom, effectiveTo, effectiveBasis: basis });
      }
    }
    if (problems.any) throw new Rollback(validationError(problems.list));

    const at = new Date().toISOString();
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
      },
      dated,
    );
    if (!changed) throw new Rollback(versionConflict('Agreement', agreement.id, input.expectedVersion, await repo.currentVersion(agreement.id)));
    return { __typename: 'ChangeAgreementStatusSuccess' as const, agreement: changed.agreement, statusPeriod: changed.period };
  });
}
