import type { AuditEntry } from '../../data/audit-repository.js';

export type AuditEntryParent = AuditEntry;
