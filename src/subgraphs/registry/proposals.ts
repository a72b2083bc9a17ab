/** Agreement proposals (pending until every other party confirms): the query, the mutations and the proposal types' resolvers. */
import type { Resolvers } from './generated/resolvers-types.js';
import { enumValue } from '../../platform/scalars.js';
import { AGREEMENT_KINDS, AGREEMENT_PROPOSAL_STATUSES, isRetroactive } from '../../domain/agreement-lifecycle.js';
import { OPERATOR_ROLES } from '../../domain/recognition.js';
import type { AgreementProposalView } from '../../data/agreement-changes-repository.js';
import { confirmAgreement, declineAgreement, proposeAgreement } from './mutations.js';
import type { RegistryContext } from './context.js';

// Parties and programmes were checked against the registry when the proposal was made.
const administration = async (code: string, ctx: RegistryContext) => (await ctx.loaders.administrationByCode.load(code))!;
const program = async (code: string, ctx: RegistryContext) => (await ctx.loaders.programByCode.load(code))!;

/** Entry into force or a direction dated before the day the proposal was made. */
const retroactive = (p: AgreementProposalView) =>
  isRetroactive(p.proposal.inForceFrom ?? null, p.proposedAt) || p.proposal.directions.some((d) => isRetroactive(d.effectiveFrom ?? null, p.proposedAt));

export const proposalResolvers: Resolvers = {
  Query: {
    agreementProposals: (_p, { status }, ctx) =>
      ctx.viewer.kind === 'internal' ? [] : ctx.proposals.proposalsFor(ctx.viewer.administrationCode, status ?? null),
  },
  Mutation: {
    proposeAgreement: (_p, { input }, ctx) => proposeAgreement(input, ctx),
    confirmAgreement: (_p, { input }, ctx) => confirmAgreement(input, ctx),
    declineAgreement: (_p, { input }, ctx) => declineAgreement(input, ctx),
  },
  AgreementProposal: {
    status: (p) => enumValue(AGREEMENT_PROPOSAL_STATUSES, p.status, 'AgreementProposalStatus'),
    title: (p) => p.proposal.title,
    kind: (p) => enumValue(AGREEMENT_KINDS, p.proposal.kind ?? 'BILATERAL', 'AgreementKind'),
    signedOn: (p) => p.proposal.signedOn,
    inForceFrom: (p) => p.proposal.inForceFrom ?? null,
    parties: (p) => p.proposal.parties,
    directions: (p) => p.proposal.directions,
    proposedBy: (p, _a, ctx) => administration(p.proposedByAdministration, ctx),
    proposedByClient: (p) => p.proposedBy,
    awaiting: (p, _a, ctx) => Promise.all(p.awaitingAdministrations.map((a) => administration(a, ctx))),
    confirmedBy: (p, _a, ctx) => Promise.all(p.confirmations.map((c) => administration(c.administration, ctx))),
    retroactive: (p) => retroactive(p),
  },
  ProposedParty: {
    administration: (p, _a, ctx) => administration(p.administration, ctx),
    program: (p, _a, ctx) => program(p.program, ctx),
  },
  ProposedDirection: {
    recognizingAdministration: (d, _a, ctx) => administration(d.recognizingAdministration, ctx),
    recognizedProgram: (d, _a, ctx) => program(d.recognizedProgram, ctx),
    eligibleTiers: (d) => d.eligibleTiers ?? [],
    coveredRoles: (d) => (d.coveredRoles ?? []).map((r) => enumValue(OPERATOR_ROLES, r, 'OperatorRole')),
    effectiveFrom: (d) => d.effectiveFrom ?? null,
    effectiveTo: (d) => d.effectiveTo ?? null,
    benefits: (d) => d.benefits ?? [],
  },
};
