/** Shipments resolvers: thin, over per-request loaders. */
import type { Resolvers } from './generated/resolvers-types.js';
import { DateScalar } from '../../platform/scalars.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, toPage, validateFirst } from '../../platform/pagination.js';
import { maySeeShipment } from '../../platform/access.js';
import type { ShipmentsContext } from './context.js';

/**
 * A shipment is visible to its exporting and importing administrations only (see src/platform/access.ts).
 * One the caller is not party to reads exactly as one that does not exist (null, then the same NOT_FOUND
 * as an unknown reference; null in _entities): a partner cannot learn which references exist.
 */
async function visibleShipment(ctx: ShipmentsContext, reference: string) {
  const shipment = await ctx.loaders.shipmentByReference.load(reference);
  return shipment && maySeeShipment(ctx.viewer, shipment) ? shipment : null;
}

export const shipmentsResolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    shipment: async (_p, { reference }, ctx) => (await visibleShipment(ctx, reference)) ?? Promise.reject(notFound('Shipment', reference)),
    shipments: async (_p, { first, after, filter }, ctx) => {
      const take = validateFirst(first);
      const cursor = decodeCursor(after, 2);
      const f = { ...filter, visibleTo: ctx.viewer.kind === 'internal' ? null : ctx.viewer.administrationCode };
      if (f.visibleTo === null) return toPage([], take, 0, () => []);
      const position = cursor ? { departedOn: cursor[0], reference: cursor[1] } : null;
      const [rows, total] = await Promise.all([ctx.repo.listShipments(f, take + 1, position), ctx.repo.countShipments(f)]);
      rows.forEach((row) => ctx.loaders.shipmentByReference.prime(row.reference, row));
      return toPage(rows, take, total, (row) => [row.departedOn, row.reference]);
    },
  },
  Shipment: {
    __resolveReference: (ref, ctx) => visibleShipment(ctx, ref.reference),
    consignor: (s) => ({ id: s.consignorId }),
    consignee: (s) => ({ id: s.consigneeId }),
    carrier: (s) => (s.carrierId ? { id: s.carrierId } : null),
    origin: async (s, _a, ctx) => (await ctx.loaders.locationByCode.load(s.originLocode))!,
    destination: async (s, _a, ctx) => (await ctx.loaders.locationByCode.load(s.destinationLocode))!,
    // The importing administration on a date follows this country (customs unions over time: see the registry).
    destinationCountry: async (s, _a, ctx) => (await ctx.loaders.locationByCode.load(s.destinationLocode))!.countryCode,
    exportingAdministration: (s) => ({ code: s.exportingAdministrationCode }),
    importingAdministration: (s) => ({ code: s.importingAdministrationCode }),
    goods: (s, _a, ctx) => ctx.loaders.goodsByShipment.load(s.reference),
  },
  Location: {
    country: (l) => l.countryCode,
  },
};
