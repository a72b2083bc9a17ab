/** Shipments data access: shipments, goods lines, locations. */
import type { Db } from './client.js';
import { directReads, table, type DirectReads } from './direct-reads.js';
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

/** Lists and counts go through the Prisma client; the keyed batch reads of the DataLoaders through direct-reads.ts. */
export class ShipmentsRepository {
  private readonly reads: DirectReads;

  constructor(private readonly db: Db) {
    this.reads = directReads(db);
  }

  private where(filter: ShipmentListFilter): Prisma.ShipmentWhereInput {
    const departed: Prisma.StringFilter = {};
    if (filter.departedFrom) departed.gte = filter.departedFrom;
    if (filter.departedBefore) departed.lt = filter.departedBefore;
    return {
      ...(filter.consignor ? { consignorId: filter.consignor } : {}),
      ...(filter.consignee ? { consigneeId: filter.consignee } : {}),
      ...(filter.exportingAdministration ? { exportingAdministrationCode: filter.exportingAdministration } : {}),
      ...(filter.importingAdministration ? { importingAdministrationCode: filter.importingAdministration } : {}),
      ...(Object.keys(departed).length ? { departedOn: departed } : {}),
      ...(filter.includeSynthetic === false ? { synthetic: false } : {}),
      ...(filter.visibleTo ? { OR: [{ exportingAdministrationCode: filter.visibleTo }, { importingAdministrationCode: filter.visibleTo }] } : {}),
    };
  }

  /** Newest departure first; `take` rows strictly after `after`. */
  listShipments(filter: ShipmentListFilter, take: number, after: ShipmentPosition | null): Promise<Shipment[]> {
    const keyset: Prisma.ShipmentWhereInput = after
      ? { OR: [{ departedOn: { lt: after.departedOn } }, { departedOn: after.departedOn, reference: { lt: after.reference } }] }
      : {};
    return this.db.shipment.findMany({
      where: { AND: [this.where(filter), keyset] },
      orderBy: [{ departedOn: 'desc' }, { reference: 'desc' }],
      take,
    });
  }

  countShipments(filter: ShipmentListFilter): Promise<number> {
    return this.db.shipment.count({ where: this.where(filter) });
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
