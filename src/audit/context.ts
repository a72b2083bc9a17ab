import type { AuditRepository } from '../data/audit-repository.js';
import type { Viewer } from '../shared/viewer.js';

export interface AuditContext {
  viewer: Viewer;
  repo: AuditRepository;
}
