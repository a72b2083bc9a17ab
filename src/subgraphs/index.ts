/**
 * THE list of subgraphs. Everything that needs to know which subgraphs exist derives from it: the
 * stack (src/stack.ts), the configuration (roles and <NAME>_URL variables, src/config.ts), the
 * generated resolver types (codegen.ts) and the composition of the supergraph (src/gateway/compose.ts).
 * Adding a subgraph: a module src/subgraphs/<name>/index.ts (`defineSubgraph`), its SDL in schema/<name>/, one line here.
 */
import { registry } from './registry/index.js';
import { operators } from './operators/index.js';
import { shipments } from './shipments/index.js';
import { audit } from './audit/index.js';
import { readSdl, type SubgraphModule } from './subgraph.js';

/** In composition order. */
export const subgraphs = [registry, operators, shipments, audit] as const;

export type SubgraphName = (typeof subgraphs)[number]['name'];
/** The subgraphs that can run as their own service (the others run in the gateway's process). */
export type ServiceSubgraphName = Extract<(typeof subgraphs)[number], SubgraphModule<string, 'service'>>['name'];

export const subgraphNames: SubgraphName[] = subgraphs.map((s) => s.name);
export const serviceSubgraphs = subgraphs.filter((s): s is Extract<(typeof subgraphs)[number], SubgraphModule<string, 'service'>> => s.runsIn === 'service');
export const serviceSubgraphNames: ServiceSubgraphName[] = serviceSubgraphs.map((s) => s.name);
export const gatewaySubgraphs = subgraphs.filter((s) => s.runsIn === 'gateway');

export function subgraphByName(name: SubgraphName): SubgraphModule {
  const found = subgraphs.find((s) => s.name === name);
  if (!found) throw new Error(`no subgraph named ${name}`);
  return found;
}

/** The SDL of one subgraph, as composed and as codegen reads it. */
export function readSubgraphTypeDefs(name: SubgraphName): string {
  return readSdl(subgraphByName(name).sdl);
}

/** The environment variable holding a subgraph service's URL, for the gateway on its own (REGISTRY_URL, ...). */
export const subgraphUrlVariable = <N extends ServiceSubgraphName>(name: N) => `${name.toUpperCase()}_URL` as `${Uppercase<N>}_URL`;
