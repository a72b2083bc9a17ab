/** The audit subgraph: the gateway's audit log, read by analysts. It always runs inside the gateway process (the gateway owns the log). */
import { AuditRepository } from '../../data/audit-repository.js';
import { defineSubgraph } from '../subgraph.js';
import { createAuditContext } from './context.js';
import { auditResolvers } from './resolvers.js';

export const audit = defineSubgraph({
  name: 'audit',
  runsIn: 'gateway',
  sdl: ['audit/*.graphql'],
  mappedTypes: ['AuditEntry'],
  resolvers: auditResolvers,
  services: ({ db }) => ({ repo: new AuditRepository(db) }),
  context: createAuditContext,
});
