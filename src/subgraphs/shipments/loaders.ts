/** Per-request DataLoaders for the shipments subgraph. */
import DataLoader from 'dataloader';
import type { ShipmentsRepository } from '../../data/shipments-repository.js';

export function createShipmentsLoaders(repo: ShipmentsRepository) {
  return {
    shipmentByReference: new DataLoader((refs: readonly string[]) => repo.shipmentsByReferences(refs)),
    goodsByShipment: new DataLoader((refs: readonly string[]) => repo.goodsByShipments(refs)),
    locationByCode: new DataLoader((codes: readonly string[]) => repo.locationsByCodes(codes)),
  };
}

export type ShipmentsLoaders = ReturnType<typeof createShipmentsLoaders>;
