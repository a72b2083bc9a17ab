import type { RegistryReader } from '../../data/registry-repository.js';
import type { IdempotencyRepository } from '../../data/idempotency-repository.js';
import type { RecognitionFactsRepository } from '../../data/recognition-facts-repository.js';
import type { AgreementChangesRepository } from '../../data/agreement-changes-repository.js';
import { createRegistryLoaders, type RegistryLoaders } from './loaders.js';
import type { Viewer } from '../../platform/viewer.js';
import type { SubgraphRequest } from '../subgraph.js';

export interface RegistryContext {
  viewer: Viewer;
  loaders: RegistryLoaders;
  repo: RegistryReader;
  /** Conditions, customs-union memberships, date facts, consents (recognition answers). */
  facts: RecognitionFactsRepository;
  /** Atomic, idempotent writes. */
  writes: IdempotencyRepository;
  /** Agreement proposals (reads; writes go through `writes`). */
  proposals: AgreementChangesRepository;
  /** How many days back a party may date an act that changes recognition. */
  retroactiveWindowDays: number;
  /** The client's Idempotency-Key, forwarded by the gateway. */
  idempotencyKey?: string;
  /** Fresh loaders after a write, so that the rest of the request (and recognition) sees the new data. */
  resetLoaders(): void;
}

export interface RegistryServices {
  repo: RegistryReader;
  facts: RecognitionFactsRepository;
  writes: IdempotencyRepository;
  proposals: AgreementChangesRepository;
  retroactiveWindowDays: number;
}

export function createRegistryContext(
  { repo, facts, writes, proposals, retroactiveWindowDays }: RegistryServices,
  { viewer, idempotencyKey }: SubgraphRequest,
): RegistryContext {
  const ctx: RegistryContext = {
    viewer,
    repo,
    facts,
    writes,
    proposals,
    retroactiveWindowDays,
    idempotencyKey,
    loaders: createRegistryLoaders(repo, facts),
    resetLoaders() {
      ctx.loaders = createRegistryLoaders(repo, facts);
    },
  };
  return ctx;
}
