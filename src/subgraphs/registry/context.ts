import type { RegistryRepository } from '../../data/registry-repository.js';
import type { IdempotencyRepository } from '../../data/idempotency-repository.js';
import { createRegistryLoaders, type RegistryLoaders } from './loaders.js';
import type { Viewer } from '../../platform/viewer.js';

export interface RegistryContext {
  viewer: Viewer;
  loaders: RegistryLoaders;
  repo: RegistryRepository;
  /** Atomic, idempotent writes. */
  writes: IdempotencyRepository;
  /** The client's Idempotency-Key, forwarded by the gateway. */
  idempotencyKey?: string;
  /** Fresh loaders after a write, so that the rest of the request (and recognition) sees the new data. */
  resetLoaders(): void;
}

export function createRegistryContext(repo: RegistryRepository, writes: IdempotencyRepository, viewer: Viewer, idempotencyKey?: string): RegistryContext {
  const ctx: RegistryContext = {
    viewer,
    repo,
    writes,
    idempotencyKey,
    loaders: createRegistryLoaders(repo),
    resetLoaders() {
      ctx.loaders = createRegistryLoaders(repo);
    },
  };
  return ctx;
}
