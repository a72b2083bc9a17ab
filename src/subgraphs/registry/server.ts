import type { Db } from '../../data/client.js';
import type { InternalSigner } from '../../platform/internal-token.js';
import { InvalidatingWrites, RegistrySnapshotRepository } from '../../data/registry-snapshot.js';
import { createSubgraph, type Subgraph } from '../subgraph.js';
import { createRegistryContext } from './context.js';
import { registryResolvers } from './resolvers.js';

export interface SubgraphDeps {
  db: Db;
  signer: InternalSigner;
}

export function createRegistrySubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  // Public reference data from an in-memory snapshot, dropped by this process's writes (src/data/registry-snapshot.ts).
  const repo = new RegistrySnapshotRepository(deps.db);
  const writes = new InvalidatingWrites(deps.db, repo);
  return createSubgraph({
    name: 'registry',
    resolvers: registryResolvers,
    signer: deps.signer,
    createContext: (viewer, request) => createRegistryContext(repo, writes, viewer, request.headers.get('idempotency-key') ?? undefined),
    ready: async () => {
      await deps.db.$queryRawUnsafe('SELECT 1');
    },
  });
}
