import type { Db } from '../../data/client.js';
import type { InternalSigner } from '../../platform/internal-token.js';
import { AuditRepository } from '../../data/audit-repository.js';
import { createSubgraph, type Subgraph } from '../subgraph.js';
import { auditResolvers } from './resolvers.js';

/** The audit subgraph always runs inside the gateway process: the gateway owns the audit log. */
export function createAuditSubgraph(deps: { db: Db; signer: InternalSigner }): Promise<Subgraph> {
  const repo = new AuditRepository(deps.db);
  return createSubgraph({
    name: 'audit',
    resolvers: auditResolvers,
    signer: deps.signer,
    createContext: (viewer) => ({ viewer, repo }),
    ready: async () => {
      await deps.db.$queryRawUnsafe('SELECT 1');
    },
  });
}
