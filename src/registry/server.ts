import type { Db } from '../data/client.js';
import type { InternalSigner } from '../shared/internal-token.js';
import { RegistryRepository } from '../data/registry-repository.js';
import { IdempotencyRepository } from '../data/idempotency-repository.js';
import { createSubgraph, type Subgraph } from '../shared/subgraph.js';
import { createRegistryContext } from './context.js';
import { registryResolvers } from './resolvers.js';

export interface SubgraphDeps {
  db: Db;
  signer: InternalSigner;
}

export function createRegistrySubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  const repo = new RegistryRepository(deps.db);
  const writes = new IdempotencyRepository(deps.db);
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
