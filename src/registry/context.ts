import type { RegistryRepository } from '../data/registry-repository.js';
import { createRegistryLoaders, type RegistryLoaders } from './loaders.js';
import type { Viewer } from '../shared/viewer.js';

export interface RegistryContext {
  viewer: Viewer;
  loaders: RegistryLoaders;
  repo: RegistryRepository;
}

export function createRegistryContext(repo: RegistryRepository, viewer: Viewer): RegistryContext {
  return { viewer, repo, loaders: createRegistryLoaders(repo) };
}
