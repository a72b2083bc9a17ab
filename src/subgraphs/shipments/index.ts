/** The shipments subgraph: shipments, their goods and route. */
import { ShipmentsRepository } from '../../data/shipments-repository.js';
import { defineSubgraph } from '../subgraph.js';
import { createShipmentsContext } from './context.js';
import { shipmentsResolvers } from './resolvers.js';

export const shipments = defineSubgraph({
  name: 'shipments',
  runsIn: 'service',
  sdl: ['shipments/*.graphql'],
  mappedTypes: ['Shipment', 'Location', 'GoodsLine'],
  resolvers: shipmentsResolvers,
  services: ({ db }) => ({ repo: new ShipmentsRepository(db) }),
  context: createShipmentsContext,
});
