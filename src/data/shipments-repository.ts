/** Shipments data access: shipments, goods lines, locations. */
import type { Db } from './client.js';
import { directReads, table, type Conditions, type DirectReads } from './direct-reads.js';
import { Prisma } from './generated/sqlite/client.js';
import type { Shipment, GoodsLine, Location } from './generated/sqlite/client.js';

export type { Shipment, GoodsLine, Location };

export interface ShipmentListFilter {
  consignor?: string | null;
  consignee?: string | null;
  exportingAdministration?: string | null;
  importingAdministration?: string | null;
  departedFrom?: string | null;
  departedBefore?: string | null;
  includeSynthetic?: boolean | null;
  /** Only shipments leaving or entering this administration's territory (need-to-know). */
  visibleTo?: string | null;
}

/** Keyset position in the (departedOn desc, reference desc) order. */
export interface ShipmentPosition {
  departedOn: string;
  reference: string;
}

export const SHIPMENT = table<Shipment>('Shipment', Prisma.ShipmentScalarFieldEnum, ['synthetic']);
export const GOODS_LINE = table<GoodsLine>('GoodsLine', Prisma.GoodsLineScalarFieldEnum);
export const LOCATION = table<Location>('Location', Prisma.LocationScalarFieldEnum);

/**
 * Every read is sent straight to the driver adapter (direct-reads.ts): the page and the count of a list, and the keyed
 * batch reads of the DataLoaders. A page through the Prisma client cost ~0.25 ms before the database did anything and
 * ~20 µs per row after (51 rows a page), the count another ~0.25 ms. The conditions are the ones the client wrote
 * (test/integration/direct-reads.test.ts compares both on every filter the API has, on SQLite and PostgreSQL).
 */
export class ShipmentsRepository {
  private readonly reads: DirectReads;

  constructor(db: Db) {
    this.reads = directReads(db);
  }

  private where(filter: ShipmentListFilter): Conditions {
    const where = this.reads.conditions();
    const column = where.dialect.column;
    const equals = (name: keyof Shipment, value: string) => where.add(`${column(name)} = ${where.value(value)}`);
    if (filter.consignor) equals('consignorId', filter.consignor);
    if (filter.consignee) equals('consigneeId', filter.consignee);
    if (filter.exportingAdministration) equals('exportingAdministrationCode', filter.exportingAdministration);
    if (filter.importingAdministration) equals('importingAdministrationCode', filter.importingAdministration);
    if (filter.departedFrom) where.add(`${column('departedOn')} >= ${where.value(filter.departedFrom)}`);
    if (filter.departedBefore) where.add(`${column('departedOn')} < ${where.value(filter.departedBefore)}`);
    if (filter.includeSynthetic === false) where.add(`NOT ${column('synthetic')}`);
    if (filter.visibleTo) {
      const visibleTo = where.value(filter.visibleTo);
      where.add(`(${column('exportingAdministrationCode')} = ${visibleTo} OR ${column('importingAdministrationCode')} = ${where.value(filter.visibleTo)})`);
    }
    return where;
  }

  /** Newest departure first; `take` rows strictly after `after`. */
  listShipments(filter: ShipmentListFilter, take: number, after: ShipmentPosition | null): Promise<Shipment[]> {
    const where = this.where(filter);
    if (after) {
      const departedOn = where.dialect.column('departedOn');
      where.add(
        `(${departedOn} < ${where.value(after.departedOn)} OR (${departedOn} = ${where.value(after.departedOn)} AND ${where.dialect.column('reference')} < ${where.value(after.reference)}))`,
      );
    }
    return this.reads.page(
      SHIPMENT,
      where,
      [
        ['departedOn', 'DESC'],
        ['reference', 'DESC'],
      ],
      take,
    );
  }

  countShipments(filter: ShipmentListFilter): Promise<number> {
    return this.reads.count(SHIPMENT, this.where(filter));
  }

  shipmentsByReferences(refs: readonly string[]): Promise<(Shipment | null)[]> {
    return this.reads.byKey(SHIPMENT, 'reference', refs);
  }

  goodsByShipments(refs: readonly string[]): Promise<GoodsLine[][]> {
    return this.reads.groupedByKey(GOODS_LINE, 'shipmentReference', refs, ['lineNumber']);
  }

  locationsByCodes(codes: readonly string[]): Promise<(Location | null)[]> {
    return this.reads.byKey(LOCATION, 'locode', codes);
  }
}
