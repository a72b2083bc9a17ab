import type { OperatorsRepository } from '../data/operators-repository.js';
import { createOperatorsLoaders, type OperatorsLoaders } from './loaders.js';
import type { Viewer } from '../shared/viewer.js';

export interface OperatorsContext {
  viewer: Viewer;
  loaders: OperatorsLoaders;
  repo: OperatorsRepository;
}

export function createOperatorsContext(repo: OperatorsRepository, viewer: Viewer): OperatorsContext {
  return { viewer, repo, loaders: createOperatorsLoaders(repo) };
}
