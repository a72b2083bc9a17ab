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

/**
 * Who may see operators' certifications and identifiers (need-to-know, as in src/platform/access.ts):
 * the operator's own administration, and administrations recognizing one of its certifications'
 * programmes. null: nobody (internal calls).
 */
export interface DetailsAudience {
  administrationCode: string;
  recognizedPrograms: readonly string[];
}

export class OperatorsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Administration, country, role and synthetic are public facts and filter every operator. A filter on
   * certifications (program) or identifiers matches only operators whose details the audience may see,
   * in the SQL of both the list and the count: neither may reveal what the caller may not read.
   */
  private where(filter: OperatorListFilter, audience: DetailsAudience | null): Prisma.OperatorWhereInput {
    const onHiddenFacts = Boolean(filter.program || filter.identifier);
    const detailsVisible: Prisma.OperatorWhereInput = audience
      ? { OR: [{ administrationCode: audience.administrationCode }, { certifications: { some: { programCode: { in: [...audience.recognizedPrograms] } } } }] }
      : { id: { in: [] } };
    return {
      ...(filter.administration ? { administrationCode: filter.administration } : {}),
      ...(filter.country ? { countryCode: filter.country } : {}),
      ...(filter.role ? { roles: { some: { role: filter.role } } } : {}),
      ...(filter.program ? { certifications: { some: { programCode: filter.program } } } : {}),
      ...(filter.identifier ? { identifiers: { some: { value: filter.identifier } } } : {}),
      ...(filter.includeSynthetic === false ? { synthetic: false } : {}),
      ...(onHiddenFacts ? { AND: [detailsVisible] } : {}),
    };
  }

  /** `take` rows ordered by id, strictly after `afterId`, among those `audience` may find with `filter`. */
  listOperators(filter: OperatorListFilter, audience: DetailsAudience | null, take: number, afterId: string | null): Promise<Operator[]> {
    return this.db.operator.findMany({
      where: { ...this.where(filter, audience), ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  countOperators(filter: OperatorListFilter, audience: DetailsAudience | null): Promise<number> {
    return this.db.operator.count({ where: this.where(filter, audience) });
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
