import type { AuditRepository } from '../../data/audit-repository.js';
import type { Viewer } from '../../platform/viewer.js';
import type { SubgraphRequest } from '../subgraph.js';

export interface AuditContext {
  viewer: Viewer;
  repo: AuditRepository;
}

export interface AuditServices {
  repo: AuditRepository;
}

export function createAuditContext({ repo }: AuditServices, { viewer }: SubgraphRequest): AuditContext {
  return { viewer, repo };
}
