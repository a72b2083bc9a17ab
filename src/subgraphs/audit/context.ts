import type { AuditRepository } from '../../data/audit-repository.js';
import type { Viewer } from '../../platform/viewer.js';

export interface AuditContext {
  viewer: Viewer;
  repo: AuditRepository;
}
