/** The audit subgraph: analysts read their own administration's entries. */
import { GraphQLError } from 'graphql';
import type { Resolvers } from './generated/resolvers-types.js';
import { decodeCursor, toPage, validateFirst } from '../../platform/pagination.js';
import { ErrorCode, badInput } from '../../platform/errors.js';
import { splitList } from '../../data/batch.js';
import { enumValue } from '../../platform/scalars.js';

/** OK, ERROR (executed with errors) or REJECTED (refused before execution). */
const AUDIT_OUTCOMES = ['OK', 'ERROR', 'REJECTED'] as const;

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: async (_p, { first, after, clientId }, ctx) => {
      if (ctx.viewer.kind !== 'analyst') {
        throw new GraphQLError('Only analysts may read the audit log.', { extensions: { code: ErrorCode.FORBIDDEN } });
      }
      const take = validateFirst(first);
      const before = decodeCursor(after, 1)?.[0];
      const beforeId = before === undefined ? null : Number(before);
      if (beforeId !== null && !Number.isInteger(beforeId)) throw badInput('after is not a cursor returned by this field.', 'after');
      const adm = ctx.viewer.administrationCode;
      const [rows, total] = await Promise.all([ctx.repo.list(adm, take + 1, beforeId, clientId), ctx.repo.count(adm, clientId)]);
      return toPage(rows, take, total, (row) => [String(row.id)]);
    },
  },
  AuditEntry: {
    id: (e) => String(e.id),
    administration: (e) => ({ code: e.administrationCode }),
    outcome: (e) => enumValue(AUDIT_OUTCOMES, e.outcome, 'AuditOutcome'),
    errorCodes: (e) => splitList(e.errorCodes),
  },
};
