import type { Db } from '../../data/client.js';
import type { InternalSigner } from '../../platform/internal-token.js';
import { ShipmentsRepository } from '../../data/shipments-repository.js';
import { createSubgraph, type Subgraph } from '../subgraph.js';
import { createShipmentsContext } from './context.js';
import { shipmentsResolvers } from './resolvers.js';

export interface SubgraphDeps {
  db: Db;
  signer: InternalSigner;
}

export function createShipmentsSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  const repo = new ShipmentsRepository(deps.db);
  return createSubgraph({
    name: 'shipments',
    resolvers: shipmentsResolvers,
    signer: deps.signer,
    createContext: (viewer) => createShipmentsContext(repo, viewer),
    ready: async () => {
      await deps.db.$queryRawUnsafe('SELECT 1');
    },
  });
}
