/** Resolver parent types of the shipments subgraph (codegen `mappers`). */
import type { Shipment, GoodsLine, Location } from '../../data/shipments-repository.js';

export type ShipmentParent = Shipment;
export type LocationParent = Location;
export type GoodsLineParent = GoodsLine;
