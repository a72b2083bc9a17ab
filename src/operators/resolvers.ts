/** Operators resolvers: thin, over per-request loaders. */
import type { Resolvers } from './generated/resolvers-types.js';
import { DateScalar } from '../shared/scalars.js';
import { notFound } from '../shared/errors.js';
import { decodeCursor, toPage, validateFirst } from '../shared/pagination.js';
import { periodsFromEvents, type CertificationEventInput } from '../recognition/rules.js';
import type { CertificationEvent, Operator } from '../data/operators-repository.js';
import { forbidden, maySeeOperatorDetails } from '../shared/access.js';
import type { OperatorsContext } from './context.js';

/** Need-to-know on an operator's identifiers and certifications (see src/shared/access.ts). */
async function assertOperatorDetails(ctx: OperatorsContext, operator: Operator): Promise<void> {
  const certifications = await ctx.loaders.certificationsByOperator.load(operator.id);
  if (!maySeeOperatorDetails(ctx.viewer, operator.administrationCode, certifications.map((c) => c.programCode))) {
    throw forbidden(`${ctx.viewer.administrationCode} may not see the identifiers and certifications of operator ${operator.id}.`);
  }
}

async function visibleCertification(ctx: OperatorsContext, id: string) {
  const certification = await ctx.loaders.certificationById.load(id);
  if (!certification) return null;
  const operator = await ctx.loaders.operatorById.load(certification.operatorId);
  if (operator) await assertOperatorDetails(ctx, operator);
  return certification;
}

const toEventInput = (e: CertificationEvent): CertificationEventInput => ({
  type: e.type as CertificationEventInput['type'],
  effectiveOn: e.effectiveOn,
  recordedAt: e.recordedAt,
  statusAfter: e.statusAfter as CertificationEventInput['statusAfter'],
  tierAfter: e.tierAfter,
  validUntilAfter: e.validUntilAfter,
});

export const operatorsResolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    operator: async (_p, { id }, ctx) => (await ctx.loaders.operatorById.load(id)) ?? Promise.reject(notFound('Operator', id)),
    operators: async (_p, { first, after, filter }, ctx) => {
      const take = validateFirst(first);
      const afterId = decodeCursor(after, 1)?.[0] ?? null;
      const f = filter ?? {};
      const [rows, total] = await Promise.all([ctx.repo.listOperators(f, take + 1, afterId), ctx.repo.countOperators(f)]);
      rows.forEach((row) => ctx.loaders.operatorById.prime(row.id, row));
      return toPage(rows, take, total, (row) => [row.id]);
    },
    certification: async (_p, { id }, ctx) => (await visibleCertification(ctx, id)) ?? Promise.reject(notFound('Certification', id)),
  },
  Operator: {
    __resolveReference: (ref, ctx) => ctx.loaders.operatorById.load(ref.id),
    country: (o) => o.countryCode,
    administration: (o) => ({ code: o.administrationCode }),
    roles: async (o, _a, ctx) => (await ctx.loaders.rolesByOperator.load(o.id)).map((r) => r.role as never),
    identifiers: async (o, _a, ctx) => {
      await assertOperatorDetails(ctx, o);
      return ctx.loaders.identifiersByOperator.load(o.id);
    },
    certifications: async (o, _a, ctx) => {
      await assertOperatorDetails(ctx, o);
      return ctx.loaders.certificationsByOperator.load(o.id);
    },
  },
  Certification: {
    __resolveReference: (ref, ctx) => visibleCertification(ctx, ref.id),
    operator: async (c, _a, ctx) => (await ctx.loaders.operatorById.load(c.operatorId))!,
    program: (c) => ({ code: c.programCode }),
    tier: (c) => c.tierCode,
    status: (c) => c.status as never,
    periods: async (c, _a, ctx) => periodsFromEvents((await ctx.loaders.eventsByCertification.load(c.id)).map(toEventInput)),
    history: (c, _a, ctx) => ctx.loaders.eventsByCertification.load(c.id),
  },
  CertificationEvent: {
    type: (e) => e.type as never,
    statusAfter: (e) => e.statusAfter as never,
  },
};
