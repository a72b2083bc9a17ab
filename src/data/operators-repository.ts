/** Operators data access: operators, roles, identifiers, certifications and their events. */
import type { Db } from './client.js';
import { directReads, table, type DirectReads } from './direct-reads.js';
import { Prisma } from './generated/sqlite/client.js';
import type { Operator, OperatorRole, OperatorIdentifier, Certification, CertificationEvent } from './generated/sqlite/client.js';

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

export const OPERATOR = table<Operator>('Operator', Prisma.OperatorScalarFieldEnum, ['synthetic']);
export const OPERATOR_ROLE = table<OperatorRole>('OperatorRole', Prisma.OperatorRoleScalarFieldEnum);
export const OPERATOR_IDENTIFIER = table<OperatorIdentifier>('OperatorIdentifier', Prisma.OperatorIdentifierScalarFieldEnum);
export const CERTIFICATION = table<Certification>('Certification', Prisma.CertificationScalarFieldEnum);
export const CERTIFICATION_EVENT = table<CertificationEvent>('CertificationEvent', Prisma.CertificationEventScalarFieldEnum);

/** Lists and counts go through the Prisma client; the keyed batch reads of the DataLoaders through direct-reads.ts. */
export class OperatorsRepository {
  private readonly reads: DirectReads;

  constructor(private readonly db: Db) {
    this.reads = directReads(db);
  }

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

  operatorsByIds(ids: readonly string[]): Promise<(Operator | null)[]> {
    return this.reads.byKey(OPERATOR, 'id', ids);
  }

  rolesByOperators(ids: readonly string[]): Promise<OperatorRole[][]> {
    return this.reads.groupedByKey(OPERATOR_ROLE, 'operatorId', ids, ['role']);
  }

  identifiersByOperators(ids: readonly string[]): Promise<OperatorIdentifier[][]> {
    return this.reads.groupedByKey(OPERATOR_IDENTIFIER, 'operatorId', ids, ['scheme', 'value']);
  }

  certificationsByOperators(ids: readonly string[]): Promise<Certification[][]> {
    return this.reads.groupedByKey(CERTIFICATION, 'operatorId', ids, ['id']);
  }

  certificationsByIds(ids: readonly string[]): Promise<(Certification | null)[]> {
    return this.reads.byKey(CERTIFICATION, 'id', ids);
  }

  eventsByCertifications(ids: readonly string[]): Promise<CertificationEvent[][]> {
    return this.reads.groupedByKey(CERTIFICATION_EVENT, 'certificationId', ids, ['effectiveOn', 'recordedAt', 'id']);
  }
}
