/** Operators resolvers: thin, over per-request loaders. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from './generated/resolvers-types.js';
import { DateScalar, enumValue } from '../../platform/scalars.js';
import { badInput, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, toPage, validateFirst } from '../../platform/pagination.js';
import { certificationEventFacts, OPERATOR_ROLES, periodsFromEvents, type CertificationEventFacts } from '../../domain/recognition.js';
import { CERTIFICATION_EVENT_TYPES, CERTIFICATION_STATUSES } from '../../domain/certification-lifecycle.js';
import type { CertificationEvent, DetailsAudience, Operator } from '../../data/operators-repository.js';
import { forbidden, maySeeOperatorDetails } from '../../platform/access.js';
import type { OperatorsContext } from './context.js';
import { certifyOperator, changeCertification } from './mutations.js';

/** Need-to-know on an operator's address, identifiers and certifications (see src/platform/access.ts). */
async function maySeeDetails(ctx: OperatorsContext, operator: Operator): Promise<boolean> {
  const certifications = await ctx.loaders.certificationsByOperator.load(operator.id);
  return maySeeOperatorDetails(
    ctx.viewer,
    operator.administrationCode,
    certifications.map((c) => c.programCode),
  );
}

/** The operator itself is public (name, country, administration, roles); its details are need-to-know: FORBIDDEN. */
async function assertOperatorDetails(ctx: OperatorsContext, operator: Operator, info: GraphQLResolveInfo): Promise<void> {
  if (!(await maySeeDetails(ctx, operator))) {
    throw forbidden(`${ctx.viewer.administrationCode} may not see the address, identifiers and certifications of operator ${operator.id}.`, info);
  }
}

/**
 * A certification the caller may not see reads exactly as one that does not exist (null, then the
 * same NOT_FOUND as an unknown id): a partner cannot learn which certification ids exist.
 */
async function visibleCertification(ctx: OperatorsContext, id: string) {
  const certification = await ctx.loaders.certificationById.load(id);
  if (!certification) return null;
  const operator = await ctx.loaders.operatorById.load(certification.operatorId);
  return operator && (await maySeeDetails(ctx, operator)) ? certification : null;
}

/** Filters on certifications and identifiers, and the counts, act only on operators whose details the caller may see. */
const detailsAudience = (ctx: OperatorsContext): DetailsAudience | null =>
  ctx.viewer.kind === 'internal' ? null : { administrationCode: ctx.viewer.administrationCode, recognizedPrograms: ctx.viewer.recognizes };

const status = (value: string) => enumValue(CERTIFICATION_STATUSES, value, 'CertificationStatus');
const eventType = (value: string) => enumValue(CERTIFICATION_EVENT_TYPES, value, 'CertificationEventType');

/** A stored event as the periods are built from it: the mapping the registry applies to `history` (certificationEventFacts). */
function eventFacts(e: CertificationEvent): CertificationEventFacts {
  const facts = certificationEventFacts(e);
  if (facts) return facts;
  status(e.statusAfter); // a stored row has its dates: only a status outside the enum is refused, a data fault reported as such
  throw new Error(`certification event ${e.id} cannot be read.`);
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `since` of the change feed: an ISO 8601 timestamp (or date), normalized to UTC as recordedAt is stored. */
function parseSince(since: string): string {
  const ms = ISO_TIMESTAMP.test(since) ? Date.parse(since) : NaN;
  if (!Number.isFinite(ms)) throw badInput(`since must be an ISO 8601 timestamp such as 2024-06-01T00:00:00Z, got ${JSON.stringify(since)}.`, 'since');
  return new Date(ms).toISOString();
}

/** Mutation results carry their GraphQL type name. */
const resolveByTypename = <T extends string>(result: { __typename?: T }): T | null => result.__typename ?? null;

export const operatorsResolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    operator: async (_p, { id }, ctx) => (await ctx.loaders.operatorById.load(id)) ?? Promise.reject(notFound('Operator', id)),
    operators: async (_p, { first, after, filter }, ctx) => {
      const take = validateFirst(first);
      const afterId = decodeCursor(after, 1)?.[0] ?? null;
      const f = filter ?? {};
      const audience = detailsAudience(ctx);
      const [rows, total] = await Promise.all([ctx.repo.listOperators(f, audience, take + 1, afterId), ctx.repo.countOperators(f, audience)]);
      rows.forEach((row) => ctx.loaders.operatorById.prime(row.id, row));
      return toPage(rows, take, total, (row) => [row.id]);
    },
    certification: async (_p, { id }, ctx) => (await visibleCertification(ctx, id)) ?? Promise.reject(notFound('Certification', id)),
    certificationChanges: async (_p, { since, first, after }, ctx) => {
      const take = validateFirst(first);
      const sinceUtc = parseSince(since);
      const cursor = decodeCursor(after, 1)?.[0];
      const afterId = cursor === undefined ? null : Number(cursor);
      if (afterId !== null && !Number.isSafeInteger(afterId)) throw badInput('after is not a cursor returned by this field.', 'after');
      if (ctx.viewer.kind === 'internal') throw forbidden('The change feed is for registered clients.');
      const rows = await ctx.changes.listChanges({
        since: sinceUtc,
        afterId,
        take: take + 1,
        administrationCode: ctx.viewer.administrationCode,
        recognizedPrograms: ctx.viewer.recognizes,
      });
      const edges = rows.slice(0, take).map((node) => ({ cursor: encodeCursor([String(node.id)]), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > take, endCursor: edges.at(-1)?.cursor ?? after ?? null } };
    },
  },
  Mutation: {
    certifyOperator: (_p, { input }, ctx) => certifyOperator(input, ctx),
    changeCertificationTier: (_p, { input }, ctx) =>
      changeCertification('changeCertificationTier', 'TIER_CHANGED', 'ChangeCertificationTierSuccess')(input, ctx),
    suspendCertification: (_p, { input }, ctx) => changeCertification('suspendCertification', 'SUSPENDED', 'SuspendCertificationSuccess')(input, ctx),
    reinstateCertification: (_p, { input }, ctx) => changeCertification('reinstateCertification', 'REINSTATED', 'ReinstateCertificationSuccess')(input, ctx),
    revokeCertification: (_p, { input }, ctx) => changeCertification('revokeCertification', 'REVOKED', 'RevokeCertificationSuccess')(input, ctx),
    renewCertification: (_p, { input }, ctx) => changeCertification('renewCertification', 'RENEWED', 'RenewCertificationSuccess')(input, ctx),
  },
  CertifyOperatorPayload: { __resolveType: resolveByTypename },
  ChangeCertificationTierPayload: { __resolveType: resolveByTypename },
  SuspendCertificationPayload: { __resolveType: resolveByTypename },
  ReinstateCertificationPayload: { __resolveType: resolveByTypename },
  RevokeCertificationPayload: { __resolveType: resolveByTypename },
  RenewCertificationPayload: { __resolveType: resolveByTypename },
  MutationError: { __resolveType: resolveByTypename },
  Operator: {
    __resolveReference: (ref, ctx) => ctx.loaders.operatorById.load(ref.id),
    country: (o) => o.countryCode,
    administration: (o) => ({ code: o.administrationCode }),
    address: async (o, _a, ctx, info) => {
      await assertOperatorDetails(ctx, o, info);
      return o.address;
    },
    roles: async (o, _a, ctx) => (await ctx.loaders.rolesByOperator.load(o.id)).map((r) => enumValue(OPERATOR_ROLES, r.role, 'OperatorRole')),
    identifiers: async (o, _a, ctx, info) => {
      await assertOperatorDetails(ctx, o, info);
      return ctx.loaders.identifiersByOperator.load(o.id);
    },
    certifications: async (o, _a, ctx, info) => {
      await assertOperatorDetails(ctx, o, info);
      return ctx.loaders.certificationsByOperator.load(o.id);
    },
  },
  Certification: {
    __resolveReference: (ref, ctx) => visibleCertification(ctx, ref.id),
    operator: async (c, _a, ctx) => (await ctx.loaders.operatorById.load(c.operatorId))!,
    program: (c) => ({ code: c.programCode }),
    tier: (c) => c.tierCode,
    status: (c) => status(c.status),
    periods: async (c, _a, ctx) => periodsFromEvents((await ctx.loaders.eventsByCertification.load(c.id)).map(eventFacts)),
    history: (c, _a, ctx) => ctx.loaders.eventsByCertification.load(c.id),
  },
  CertificationEvent: {
    id: (e) => String(e.id),
    certification: async (e, _a, ctx) => (await visibleCertification(ctx, e.certificationId)) ?? Promise.reject(notFound('Certification', e.certificationId)),
    type: (e) => eventType(e.type),
    statusBefore: (e) => (e.statusBefore === null ? null : status(e.statusBefore)),
    statusAfter: (e) => status(e.statusAfter),
  },
};
