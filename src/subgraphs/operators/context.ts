import type { OperatorsRepository } from '../../data/operators-repository.js';
import type { IdempotencyRepository } from '../../data/idempotency-repository.js';
import type { CertificationChangesRepository } from '../../data/certification-changes-repository.js';
import { createOperatorsLoaders, type OperatorsLoaders } from './loaders.js';
import type { Viewer } from '../../platform/viewer.js';
import type { SubgraphRequest } from '../subgraph.js';

export interface OperatorsContext {
  viewer: Viewer;
  loaders: OperatorsLoaders;
  repo: OperatorsRepository;
  /** The change feed. */
  changes: CertificationChangesRepository;
  /** Atomic, idempotent writes. */
  writes: IdempotencyRepository;
  /** The client's Idempotency-Key, forwarded by the gateway. */
  idempotencyKey?: string;
  /** Fresh loaders after a write, so that the rest of the request sees the new data. */
  resetLoaders(): void;
}

export interface OperatorsServices {
  repo: OperatorsRepository;
  changes: CertificationChangesRepository;
  writes: IdempotencyRepository;
}

export function createOperatorsContext({ repo, changes, writes }: OperatorsServices, { viewer, idempotencyKey }: SubgraphRequest): OperatorsContext {
  const ctx: OperatorsContext = {
    viewer,
    repo,
    changes,
    writes,
    idempotencyKey,
    loaders: createOperatorsLoaders(repo),
    resetLoaders() {
      ctx.loaders = createOperatorsLoaders(repo);
    },
  };
  return ctx;
}
