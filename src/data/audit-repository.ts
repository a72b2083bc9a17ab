/** The audit log: appended by the gateway, read by analysts of the same administration. */
import type { Db } from './client.js';
import type { AuditEntry } from './generated/sqlite/client.js';

export type { AuditEntry };
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(entries: NewAuditEntry[]): Promise<void> {
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
