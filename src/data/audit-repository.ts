/** The audit log: appended by the gateway, read by analysts of the same administration. */
import type { Db } from './client.js';
import type { AuditEntry } from './generated/sqlite/client.js';
import type { AuditRecord, AuditSink } from '../gateway/ports.js';

export type { AuditEntry };
/** Implements the gateway's audit sink (src/gateway/ports.ts). */
export class AuditRepository implements AuditSink {
  constructor(private readonly db: Db) {}

  async append(entries: AuditRecord[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) await this.db.auditEntry.createMany({ data: entries.slice(i, i + 500) });
  }

  /** Newest first, strictly before `beforeId`. */
  list(administrationCode: string, take: number, beforeId: number | null, clientId?: string | null): Promise<AuditEntry[]> {
    return this.db.auditEntry.findMany({
      where: { administrationCode, ...(clientId ? { clientId } : {}), ...(beforeId ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }

  count(administrationCode: string, clientId?: string | null): Promise<number> {
    return this.db.auditEntry.count({ where: { administrationCode, ...(clientId ? { clientId } : {}) } });
  }
}
