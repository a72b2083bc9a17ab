/** Registry resolvers: thin, over per-request loaders and the pure recognition rules. */
import type { Resolvers } from './generated/resolvers-types.js';
import { DateScalar, DateTimeScalar, enumValue } from '../../platform/scalars.js';
import { notFound } from '../../platform/errors.js';
import { splitList } from '../../data/batch.js';
import { todayUtc } from '../../domain/dates.js';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  agreementInForceOn,
  agreementStatusOn,
  DATE_PRECISIONS,
  entryIntoForce,
  isRetroactive,
} from '../../domain/agreement-lifecycle.js';
import { EFFECTIVE_BASES, OPERATOR_ROLES, programRecognizedBy } from '../../domain/recognition.js';
import type { RecognitionRow } from '../../data/registry-repository.js';
import { consignorFacts, factsUnavailableError, factsUnavailableMessage, operatorFacts, recordingTime, toRule } from './recognition.js';
import {
  operatorAnswers,
  recognitionAnswerResolvers,
  recognitionFactFields,
  shipmentRecognitionAnswer,
  unavailableShipmentAnswer,
} from './recognition-answers.js';
import { recognizedTiers } from '../../domain/programme-tiers.js';
import { changeAgreementStatus } from './mutations.js';
import { proposalResolvers } from './proposals.js';

const present = <T>(items: (T | null | Error)[]): T[] => items.filter((i): i is T => i != null && !(i instanceof Error));
const sources = (urls: string) => splitList(urls).map((url) => ({ url }));
const byRule = (rows: Map<string, RecognitionRow>, ids: string[]) => ids.map((id) => rows.get(id)).filter((r): r is RecognitionRow => !!r);

const role = (value: string) => enumValue(OPERATOR_ROLES, value, 'OperatorRole');
const basis = (value: string) => enumValue(EFFECTIVE_BASES, value, 'EffectiveBasis');
const agreementStatus = (value: string) => enumValue(AGREEMENT_STATUSES, value, 'AgreementStatus');

/** Mutation results carry their GraphQL type name. */
const resolveByTypename = <T extends string>(result: { __typename?: T }): T | null => result.__typename ?? null;

export const registryResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Mutation: {
    ...proposalResolvers.Mutation,
    changeAgreementStatus: (_p, { input }, ctx) => changeAgreementStatus(input, ctx),
  },
  AgreementProposal: proposalResolvers.AgreementProposal,
  ProposedParty: proposalResolvers.ProposedParty,
  ProposedDirection: proposalResolvers.ProposedDirection,
  ProposeAgreementPayload: { __resolveType: resolveByTypename },
  ConfirmAgreementPayload: { __resolveType: resolveByTypename },
  DeclineAgreementPayload: { __resolveType: resolveByTypename },
  ChangeAgreementStatusPayload: { __resolveType: resolveByTypename },
  MutationError: { __resolveType: resolveByTypename },
  Query: {
    ...proposalResolvers.Query,
    administrations: (_p, _a, ctx) => ctx.repo.listAdministrations(),
    administration: async (_p, { code }, ctx) => (await ctx.loaders.administrationByCode.load(code)) ?? Promise.reject(notFound('Administration', code)),
    programs: (_p, { administration }, ctx) => ctx.repo.listPrograms(administration),
    program: async (_p, { code }, ctx) => (await ctx.loaders.programByCode.load(code)) ?? Promise.reject(notFound('Program', code)),
    agreements: async (_p, { filter }, ctx) => {
      const rows = await ctx.repo.listAgreements({ administration: filter?.administration, program: filter?.program, kind: filter?.kind });
      const inForceOn = filter?.inForceOn;
      if (!inForceOn) return rows;
      const status = await ctx.loaders.statusByAgreement.loadMany(rows.map((r) => r.id));
      return rows.filter((_r, i) => {
        const s = status[i];
        return !(s instanceof Error) && agreementInForceOn(s, inForceOn);
      });
    },
    agreement: async (_p, { id }, ctx) => (await ctx.loaders.agreementById.load(id)) ?? Promise.reject(notFound('Agreement', id)),
    benefits: (_p, _a, ctx) => ctx.repo.listBenefits(),
    customsUnionMemberships: (_p, { country }, ctx) => recognitionFactFields.customsUnionMemberships(country, ctx),
  },
  Administration: {
    __resolveReference: (ref, ctx) => ctx.loaders.administrationByCode.load(ref.code),
    countries: (a) => splitList(a.countries),
    programs: (a, _args, ctx) => ctx.loaders.programsByAdministration.load(a.code),
    agreements: async (a, _args, ctx) => present(await ctx.loaders.agreementById.loadMany(await ctx.loaders.agreementIdsByAdministration.load(a.code))),
    sources: (a) => sources(a.sourceUrls),
  },
  Program: {
    __resolveReference: (ref, ctx) => ctx.loaders.programByCode.load(ref.code),
    administration: async (p, _a, ctx) => (await ctx.loaders.administrationByCode.load(p.administrationCode))!,
    tiers: (p, _a, ctx) => ctx.loaders.tiersByProgram.load(p.code),
    roles: async (p, _a, ctx) => (await ctx.loaders.rolesByProgram.load(p.code)).map((r) => role(r.role)),
    agreements: async (p, _a, ctx) => present(await ctx.loaders.agreementById.loadMany(await ctx.loaders.agreementIdsByProgram.load(p.code))),
    recognitions: (p, _a, ctx) => ctx.loaders.recognitionsByProgram.load(p.code),
    recognizedBy: async (p, { asOf }, ctx) => {
      const rows = await ctx.loaders.recognitionsByProgram.load(p.code);
      const inForce = programRecognizedBy(rows.map(toRule), p.code, asOf ?? todayUtc());
      return byRule(
        new Map(rows.map((r) => [r.id, r])),
        inForce.map((r) => r.id),
      );
    },
    sources: (p) => sources(p.sourceUrls),
  },
  Agreement: {
    __resolveReference: (ref, ctx) => ctx.loaders.agreementById.load(ref.id),
    kind: (a) => enumValue(AGREEMENT_KINDS, a.kind, 'AgreementKind'),
    parties: (a, _args, ctx) => ctx.loaders.partiesByAgreement.load(a.id),
    signedOnPrecision: (a) => enumValue(DATE_PRECISIONS, a.signedPrecision, 'DatePrecision'),
    signedAt: (a) => a.signedPlace,
    inForceFrom: async (a, _args, ctx) => entryIntoForce(await ctx.loaders.statusByAgreement.load(a.id))?.from ?? null,
    inForceBasis: async (a, _args, ctx) => basis(entryIntoForce(await ctx.loaders.statusByAgreement.load(a.id))?.basis ?? 'UNKNOWN'),
    status: async (a, { asOf }, ctx) => {
      const period = agreementStatusOn(await ctx.loaders.statusByAgreement.load(a.id), asOf ?? todayUtc());
      return period ? agreementStatus(period.status) : null;
    },
    statusHistory: (a, _args, ctx) => ctx.loaders.statusByAgreement.load(a.id),
    recognitions: (a, _args, ctx) => ctx.loaders.recognitionsByAgreement.load(a.id),
    dateFacts: (a, _args, ctx) => recognitionFactFields.dateFactsOf(a.id, ctx),
    sources: (a) => sources(a.sourceUrls),
  },
  AgreementParty: {
    administration: async (p, _a, ctx) => (await ctx.loaders.administrationByCode.load(p.administrationCode))!,
    program: async (p, _a, ctx) => (await ctx.loaders.programByCode.load(p.programCode))!,
  },
  AgreementStatusPeriod: {
    status: (p) => agreementStatus(p.status),
    basis: (p) => basis(p.basis),
    retroactive: (p) => isRetroactive(p.from, p.recordedAt ?? null),
  },
  Recognition: {
    __resolveReference: (ref, ctx) => ctx.loaders.recognitionById.load(ref.id),
    agreement: async (r, _a, ctx) => (await ctx.loaders.agreementById.load(r.agreementId))!,
    recognizingAdministration: async (r, _a, ctx) => (await ctx.loaders.administrationByCode.load(r.recognizingAdministrationCode))!,
    recognizedProgram: async (r, _a, ctx) => (await ctx.loaders.programByCode.load(r.recognizedProgramCode))!,
    eligibleTiers: async (r, _a, ctx) => {
      const tiers = await ctx.loaders.tiersByProgram.load(r.recognizedProgramCode);
      // Unnamed tiers: the programme's security tiers only (src/domain/programme-tiers.ts).
      const eligible = recognizedTiers(splitList(r.eligibleTiers), tiers);
      return eligible.length ? tiers.filter((t) => eligible.includes(t.code)) : tiers;
    },
    coveredRoles: async (r, _a, ctx) => {
      const covered = splitList(r.coveredRoles);
      return (covered.length ? covered : (await ctx.loaders.rolesByProgram.load(r.recognizedProgramCode)).map((x) => x.role)).map(role);
    },
    effectiveBasis: (r) => basis(r.effectiveBasis),
    retroactive: (r) => isRetroactive(r.effectiveFrom, r.recordedAt),
    benefits: async (r, _a, ctx) => present(await ctx.loaders.benefitByCode.loadMany(r.benefits.map((b) => b.benefitCode).sort())),
    conditions: (r, _a, ctx) => recognitionFactFields.conditionsOf(r, ctx),
    dateFacts: (r, _a, ctx) => recognitionFactFields.dateFactsOf(r.id, ctx),
  },
  Tier: {
    scope: (t) => recognitionFactFields.tierScope(t),
  },
  Benefit: {
    scope: (b) => recognitionFactFields.benefitScope(b),
    __resolveReference: (ref, ctx) => ctx.loaders.benefitByCode.load(ref.code),
  },
  Operator: {
    __resolveReference: (ref) => ref,
    recognizedBy: async (operator, { asOf, asRecordedAt }, ctx) => {
      const instant = recordingTime(asRecordedAt);
      const known = operatorFacts(operator, instant);
      if (known.missing !== null) throw factsUnavailableError("The operator's", known);
      // The recognitions whose answer is RECOGNIZED (src/domain/recognition-answer.ts): a date only assumed, consent
      // not on record or a tier restriction not modelled never lists a recognition; recognitionAnswers says why.
      const answers = await operatorAnswers(ctx, operator, { roles: known.roles, certifications: known.certifications }, asOf ?? todayUtc(), instant);
      return answers.filter((a) => a.answer.outcome === 'RECOGNIZED').flatMap((a) => a.rows.get(a.answer.recognition.id) ?? []);
    },
    recognitionAnswers: async (operator, { asOf, asRecordedAt }, ctx) => {
      const instant = recordingTime(asRecordedAt);
      const known = operatorFacts(operator, instant);
      if (known.missing !== null) throw factsUnavailableError("The operator's", known);
      return operatorAnswers(ctx, operator, { roles: known.roles, certifications: known.certifications }, asOf ?? todayUtc(), instant);
    },
  },
  Shipment: {
    __resolveReference: (ref) => ref,
    recognition: async (shipment, args, ctx) => {
      const instant = recordingTime((args as { asRecordedAt?: string | null }).asRecordedAt);
      // The @requires facts did not arrive (a subgraph failed, or a router's planner dropped them): UNDETERMINED
      // with FACTS_UNAVAILABLE, never "not recognized" as if it were a finding.
      const known = consignorFacts(shipment.consignor, instant);
      if (known.missing !== null) return unavailableShipmentAnswer(factsUnavailableMessage("The consignor's", known), shipment);
      return shipmentRecognitionAnswer(ctx, shipment, { roles: known.roles, certifications: known.certifications }, instant);
    },
  },
  ShipmentRecognition: recognitionAnswerResolvers.ShipmentRecognition,
  OperatorRecognitionAnswer: recognitionAnswerResolvers.OperatorRecognitionAnswer,
  RecognitionCondition: recognitionAnswerResolvers.RecognitionCondition,
  DateFact: recognitionAnswerResolvers.DateFact,
  CustomsUnionMembership: recognitionAnswerResolvers.CustomsUnionMembership,
  RecognitionFinding: {
    code: (f) => f.finding.code,
    kind: (f) => recognitionAnswerResolvers.RecognitionFinding.kind(f),
    message: (f) => f.finding.message,
    certificationId: (f) => f.finding.certificationId ?? null,
    agreement: (f, _a, ctx) => (f.finding.agreementId ? ctx.loaders.agreementById.load(f.finding.agreementId) : null),
    recognition: (f) => (f.finding.recognitionId ? (f.rows.get(f.finding.recognitionId) ?? null) : null),
  },
};
