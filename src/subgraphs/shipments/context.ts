import type { ShipmentsRepository } from '../../data/shipments-repository.js';
import { createShipmentsLoaders, type ShipmentsLoaders } from './loaders.js';
import type { Viewer } from '../../platform/viewer.js';

export interface ShipmentsContext {
  viewer: Viewer;
  loaders: ShipmentsLoaders;
  repo: ShipmentsRepository;
}

export function createShipmentsContext(repo: ShipmentsRepository, viewer: Viewer): ShipmentsContext {
  return { viewer, repo, loaders: createShipmentsLoaders(repo) };
}
