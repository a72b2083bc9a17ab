/** Glue between registry rows, @requires representations and the pure recognition rules. */
import type { AgreementChangeRecord, RecognitionRow } from '../../data/registry-repository.js';
import { splitList } from '../../data/batch.js';
import { AGREEMENT_STATUSES } from '../../domain/agreement-lifecycle.js';
import {
  certificationEventFacts,
  EFFECTIVE_BASES,
  periodsFromEvents,
  type CertificationEventFacts,
  type CertificationFacts,
  type CertificationPeriod,
  type RecognitionRule,
} from '../../domain/recognition.js';
import { enumValue } from '../../platform/scalars.js';
import { derivedFrom } from '../../platform/derived.js';
import { agreementAsRecordedAt, recordedBy } from '../../domain/recording-time.js';
import { GraphQLError } from 'graphql';
import { badInput, ErrorCode } from '../../platform/errors.js';
import type { RegistryContext } from './context.js';
import type { CertificationRepresentation, OperatorParent } from './mappers.js';

const rules = new WeakMap<RecognitionRow, RecognitionRule>();

/** The rule of a recognition row (once per row object: the snapshot's rows are shared by every request until it changes). */
export function toRule(row: RecognitionRow): RecognitionRule {
  return derivedFrom(rules, row, ruleOf);
}

function ruleOf(row: RecognitionRow): RecognitionRule {
  return {
    id: row.id,
    agreementId: row.agreementId,
    agreementTitle: row.agreement.title,
    recognizingAdministrationCode: row.recognizingAdministrationCode,
    recognizedProgramCode: row.recognizedProgramCode,
    eligibleTiers: splitList(row.eligibleTiers),
    coveredRoles: splitList(row.coveredRoles),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    effectiveBasis: enumValue(EFFECTIVE_BASES, row.effectiveBasis, 'EffectiveBasis'),
    agreementStatus: row.agreement.statusPeriods.map((p) => ({ status: enumValue(AGREEMENT_STATUSES, p.status, 'AgreementStatus'), from: p.from, to: p.to })),
    benefitCodes: row.benefits.map((b) => b.benefitCode).sort(),
  };
}

// ------------------------------------------------------------------ recording time (asRecordedAt)

/**
 * `asRecordedAt` of a recognition field: an instant (the DateTime scalar has already normalized it to UTC),
 * not in the future (what the registry will know then is not known yet). Undefined: now.
 */
export function recordingTime(asRecordedAt: string | null | undefined, now: Date = new Date()): string | undefined {
  if (asRecordedAt == null) return undefined;
  if (Date.parse(asRecordedAt) > now.getTime()) {
    throw badInput(`asRecordedAt ${asRecordedAt} is in the future: the registry can only answer as it knew things up to now.`, 'asRecordedAt');
  }
  return asRecordedAt;
}

/** A certification whose facts arrived through @requires, with its periods derived from its history. */
export interface KnownCertification {
  id: string;
  certificateNumber?: string;
  program: { code: string };
  /** Sorted by from, contiguous (periodsFromEvents). */
  periods: CertificationPeriod[];
}

/**
 * The certifications with their periods, derived from their histories by the rule the operators subgraph uses for
 * its own `periods` field (periodsFromEvents over certificationEventFacts), so the @requires carries the events
 * once and not their periods as well. With `instant` (asRecordedAt): as the operators subgraph had recorded them
 * then, periods rebuilt from the events recorded by then (a suspension recorded later, even if effective earlier,
 * is ignored); a certification with no event recorded by then did not exist yet. Null when a certification's
 * programme or history did not arrive through @requires, or one of its events lacks a fact (the facts are missing:
 * the caller must not guess).
 */
export function knownCertifications(certifications: readonly CertificationRepresentation[], instant?: string): KnownCertification[] | null {
  const known: KnownCertification[] = [];
  for (const certification of certifications) {
    const history = certification?.history;
    if (!certification?.program?.code || !Array.isArray(history)) return null;
    const events: CertificationEventFacts[] = [];
    for (const event of history) {
      const facts = certificationEventFacts(event);
      if (!facts) return null;
      events.push(facts);
    }
    const recorded = instant === undefined ? events : recordedBy(events, instant);
    if (instant !== undefined && !recorded.length) continue;
    known.push({
      id: certification.id,
      certificateNumber: certification.certificateNumber,
      program: certification.program,
      periods: periodsFromEvents(recorded),
    });
  }
  return known;
}

/**
 * Recognition rows as the registry knew them at `instant`: each agreement's status periods and its
 * directions' dates with the changes recorded later undone (src/domain/recording-time.ts); the directions
 * of agreements recorded after the instant are left out. The rows are copies: the shared snapshot rows are
 * never changed.
 */
export async function rowsAsRecordedAt(ctx: RegistryContext, rows: RecognitionRow[], instant: string): Promise<RecognitionRow[]> {
  const agreementIds = [...new Set(rows.map((r) => r.agreementId))];
  const changeLists = await ctx.loaders.agreementChangesRecordedAfter(instant).loadMany(agreementIds);
  const changesOf = new Map<string, AgreementChangeRecord[]>();
  changeLists.forEach((list, i) => {
    if (list instanceof Error) throw list;
    changesOf.set(agreementIds[i], list);
  });
  const result: RecognitionRow[] = [];
  for (const agreementId of agreementIds) {
    const directions = rows.filter((r) => r.agreementId === agreementId);
    const asRecorded = agreementAsRecordedAt({ periods: directions[0].agreement.statusPeriods, directions }, changesOf.get(agreementId) ?? [], instant);
    if (!asRecorded.known) continue;
    for (const direction of asRecorded.directions) result.push({ ...direction, agreement: { ...direction.agreement, statusPeriods: asRecorded.periods } });
  }
  return result;
}

// ------------------------------------------------------------------ facts from other subgraphs (@requires)

/**
 * The operator's facts that arrived through @requires, or what did not arrive. The gateway sends the
 * representation even when the operators subgraph failed (or a router's planner dropped the fields): the
 * fields are then absent. Roles are never withheld, so their absence means missing facts; certifications may
 * be withheld by need-to-know (null). `asRecordedAt`: the certifications as recorded at that instant.
 */
export type OperatorFacts = { missing: null; roles: string[]; certifications: KnownCertification[] | null } | { missing: string; subgraph: 'operators' };

export function operatorFacts(operator: OperatorParent, asRecordedAt?: string): OperatorFacts {
  const unavailable = (missing: string): OperatorFacts => ({ missing, subgraph: 'operators' });
  if (!Array.isArray(operator.roles)) return unavailable('roles and certifications');
  const certifications = operator.certifications ?? null;
  if (certifications === null) return { missing: null, roles: operator.roles, certifications };
  const known = Array.isArray(certifications) ? knownCertifications(certifications, asRecordedAt) : null;
  return known ? { missing: null, roles: operator.roles, certifications: known } : unavailable('certification histories');
}

/**
 * The consignor's facts on a shipment representation. Every shipment records a consignor (Shipment.consignorId is
 * required), so a representation without one means its facts did not arrive: the gateway builds the @requires
 * representation from the operators subgraph's answer, and when that subgraph fails (or does not know the
 * operator) a required field is missing and the gateway sends the whole consignor as null.
 */
export function consignorFacts(consignor: OperatorParent | null | undefined, asRecordedAt?: string): OperatorFacts {
  if (!consignor) return { missing: 'operator record (roles and certifications)', subgraph: 'operators' };
  return operatorFacts(consignor, asRecordedAt);
}

/** The FACTS_UNAVAILABLE wording: which facts, from which subgraph. */
export function factsUnavailableMessage(whose: string, missing: { missing: string; subgraph: string }, date?: string | null): string {
  return `${whose} ${missing.missing} did not reach the registry from the ${missing.subgraph} subgraph (it did not answer, or a router dropped them), so recognition${date ? ` on ${date}` : ''} cannot be established: this is not a finding that it is not recognized.`;
}

/** Where a list cannot say UNDETERMINED (Operator.recognizedBy): an error, never an empty list that would read as "recognized by none". */
export function factsUnavailableError(whose: string, missing: { missing: string; subgraph: string }): GraphQLError {
  return new GraphQLError(factsUnavailableMessage(whose, missing), { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: missing.subgraph } });
}

// ------------------------------------------------------------------ inputs of the rules

/**
 * Loads the recognitions of every programme the certifications belong to, and the certifying administrations;
 * with `asRecordedAt`, the recognitions as the registry knew them at that instant.
 */
export async function loadRecognitionInputs(ctx: RegistryContext, certifications: KnownCertification[], asRecordedAt?: string) {
  const programCodes = [...new Set(certifications.map((c) => c.program.code))];
  const [programs, recognitionLists] = await Promise.all([
    ctx.loaders.programByCode.loadMany(programCodes),
    ctx.loaders.recognitionsByProgram.loadMany(programCodes),
  ]);
  const administrationOf = new Map<string, string>();
  programs.forEach((p, i) => {
    if (p && !(p instanceof Error)) administrationOf.set(programCodes[i], p.administrationCode);
  });
  const current = new Map<string, RecognitionRow>();
  for (const list of recognitionLists) {
    if (list instanceof Error) throw list;
    for (const row of list) current.set(row.id, row);
  }
  const rows = asRecordedAt ? new Map((await rowsAsRecordedAt(ctx, [...current.values()], asRecordedAt)).map((r) => [r.id, r] as const)) : current;
  const facts: CertificationFacts[] = certifications.map((c) => ({
    id: c.id,
    programCode: c.program.code,
    administrationCode: administrationOf.get(c.program.code) ?? '',
    periods: c.periods,
  }));
  return { facts, rows };
}
