import type { ShipmentsRepository } from '../../data/shipments-repository.js';
import { createShipmentsLoaders, type ShipmentsLoaders } from './loaders.js';
import type { Viewer } from '../../platform/viewer.js';
import type { SubgraphRequest } from '../subgraph.js';

export interface ShipmentsContext {
  viewer: Viewer;
  loaders: ShipmentsLoaders;
  repo: ShipmentsRepository;
}

export interface ShipmentsServices {
  repo: ShipmentsRepository;
}

export function createShipmentsContext({ repo }: ShipmentsServices, { viewer }: SubgraphRequest): ShipmentsContext {
  return { viewer, repo, loaders: createShipmentsLoaders(repo) };
}
