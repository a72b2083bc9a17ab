import type { Db } from '../../data/client.js';
import type { InternalSigner } from '../../platform/internal-token.js';
import { OperatorsRepository } from '../../data/operators-repository.js';
import { IdempotencyRepository } from '../../data/idempotency-repository.js';
import { CertificationChangesRepository } from '../../data/certification-changes-repository.js';
import { createSubgraph, type Subgraph } from '../subgraph.js';
import { createOperatorsContext } from './context.js';
import { operatorsResolvers } from './resolvers.js';

export interface SubgraphDeps {
  db: Db;
  signer: InternalSigner;
}

export function createOperatorsSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  const services = {
    repo: new OperatorsRepository(deps.db),
    changes: new CertificationChangesRepository(deps.db),
    writes: new IdempotencyRepository(deps.db),
  };
  return createSubgraph({
    name: 'operators',
    resolvers: operatorsResolvers,
    signer: deps.signer,
    createContext: (viewer, request) => createOperatorsContext(services, viewer, request.headers.get('idempotency-key') ?? undefined),
    ready: async () => {
      await deps.db.$queryRawUnsafe('SELECT 1');
    },
  });
}
