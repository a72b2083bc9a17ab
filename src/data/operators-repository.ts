/** Operators data access: operators, roles, identifiers, certifications and their events. */
import type { Db } from './client.js';
import { groupedInKeyOrder, inKeyOrder } from './batch.js';
import type { Operator, OperatorRole, OperatorIdentifier, Certification, CertificationEvent, Prisma } from './generated/sqlite/client.js';

export type { Operator, OperatorRole, OperatorIdentifier, Certification, CertificationEvent };

export interface OperatorListFilter {
  administration?: string | null;
  country?: string | null;
  role?: string | null;
  program?: string | null;
  identifier?: string | null;
  includeSynthetic?: boolean | null;
}

export class OperatorsRepository {
  constructor(private readonly db: Db) {}

  private where(filter: OperatorListFilter): Prisma.OperatorWhereInput {
    return {
      ...(filter.administration ? { administrationCode: filter.administration } : {}),
      ...(filter.country ? { countryCode: filter.country } : {}),
      ...(filter.role ? { roles: { some: { role: filter.role } } } : {}),
      ...(filter.program ? { certifications: { some: { programCode: filter.program } } } : {}),
      ...(filter.identifier ? { identifiers: { some: { value: filter.identifier } } } : {}),
      ...(filter.includeSynthetic === false ? { synthetic: false } : {}),
    };
  }

  /** `take` rows ordered by id, strictly after `afterId`. */
  listOperators(filter: OperatorListFilter, take: number, afterId: string | null): Promise<Operator[]> {
    return this.db.operator.findMany({
      where: { ...this.where(filter), ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  countOperators(filter: OperatorListFilter): Promise<number> {
    return this.db.operator.count({ where: this.where(filter) });
  }

  async operatorsByIds(ids: readonly string[]): Promise<(Operator | null)[]> {
    const rows = await this.db.operator.findMany({ where: { id: { in: [...ids] } } });
    return inKeyOrder(ids, rows, (r) => r.id);
  }

  async rolesByOperators(ids: readonly string[]): Promise<OperatorRole[][]> {
    const rows = await this.db.operatorRole.findMany({ where: { operatorId: { in: [...ids] } }, orderBy: { role: 'asc' } });
    return groupedInKeyOrder(ids, rows, (r) => r.operatorId);
  }

  async identifiersByOperators(ids: readonly string[]): Promise<OperatorIdentifier[][]> {
    const rows = await this.db.operatorIdentifier.findMany({ where: { operatorId: { in: [...ids] } }, orderBy: [{ scheme: 'asc' }, { value: 'asc' }] });
    return groupedInKeyOrder(ids, rows, (r) => r.operatorId);
  }

  async certificationsByOperators(ids: readonly string[]): Promise<Certification[][]> {
    const rows = await this.db.certification.findMany({ where: { operatorId: { in: [...ids] } }, orderBy: { id: 'asc' } });
    return groupedInKeyOrder(ids, rows, (r) => r.operatorId);
  }

  async certificationsByIds(ids: readonly string[]): Promise<(Certification | null)[]> {
    const rows = await this.db.certification.findMany({ where: { id: { in: [...ids] } } });
    return inKeyOrder(ids, rows, (r) => r.id);
  }

  async eventsByCertifications(ids: readonly string[]): Promise<CertificationEvent[][]> {
    const rows = await this.db.certificationEvent.findMany({
      where: { certificationId: { in: [...ids] } },
      orderBy: [{ effectiveOn: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
    });
    return groupedInKeyOrder(ids, rows, (r) => r.certificationId);
  }
}
