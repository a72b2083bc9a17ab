/**
 * Public registry entities from memory for one second: the entity-level twin of the public response cache
 * (public-cache.ts), under the same policy.
 *
 * A query plan asks the registry for programmes, administrations, agreements, recognitions and benefits by key
 * (`_entities`) whenever another subgraph names one: the headline's consignor certifications name their programme,
 * so one of its four subgraph exchanges is "the name of programme KR-AEO". That is public registry data, the same for
 * every authenticated client (README "Need-to-know"; the registry's resolvers read no viewer for these types), and it
 * changes only by registry writes. So an `_entities` fetch to the registry whose every representation is one of those
 * types is answered from memory when each of its entities was answered, by the same fetch text and the same other
 * variables, less than a second ago; otherwise it goes to the registry as before and its entities are remembered
 * (only from an answer without any error, and nothing fetched before a mutation that went through meanwhile). Any
 * mutation through this gateway empties the cache (it is one of the public response cache's dependents); writes
 * elsewhere show within the second, as for the response cache.
 *
 * What it never holds: a shipment's recognition (the registry's `Shipment` entity: computed from the shipment's and
 * the consignor's facts, which the gateway sends with every fetch), operators, or anything another subgraph owns.
 * The gateway merges later fetches into the entities it receives, so each answer gets its own copies.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context.js';
import type { Invalidatable } from './public-cache.js';
import type { SubgraphSource } from './datasources.js';
import { copyTree } from './distinct-representations.js';
import { TimedEntries } from './timed-entries.js';

/** The registry's entity types that are public registry data (the same for every authenticated client). */
export const PUBLIC_REGISTRY_ENTITIES: ReadonlySet<string> = new Set(['Administration', 'Program', 'Agreement', 'Recognition', 'Benefit']);

export interface EntityCacheStats {
  /** Fetches answered from memory. */
  hits: number;
  /** Fetches of public entities sent to the subgraph. */
  misses: number;
}

export class PublicEntityCache implements Invalidatable {
  private readonly entries: TimedEntries<unknown>;
  readonly stats: EntityCacheStats = { hits: 0, misses: 0 };

  constructor(options: { ttlMs: number; maxEntries?: number; now?: () => number }) {
    this.entries = new TimedEntries(options.ttlMs, options.maxEntries ?? 2000, options.now);
  }

  /** Take it before the fetch whose answer `store` will keep (see TimedEntries). */
  get generation(): number {
    return this.entries.generation;
  }

  invalidate(): void {
    this.entries.clear();
  }

  /** The key of each representation of a fetch of public registry entities; null when the fetch is anything else. */
  keysOf(request: GatewayGraphQLRequest): string[] | null {
    const representations: unknown = request.variables?.representations;
    if (!request.query || !Array.isArray(representations) || representations.length === 0) return null;
    if (!/^\s*query\b/.test(request.query)) return null;
    for (const r of representations) {
      const typename = r !== null && typeof r === 'object' ? (r as { __typename?: unknown }).__typename : undefined;
      if (typeof typename !== 'string' || !PUBLIC_REGISTRY_ENTITIES.has(typename)) return null;
    }
    const { representations: _r, ...others } = request.variables!;
    const prefix = `${request.query}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(others)}\u0000`;
    return representations.map((r) => prefix + JSON.stringify(r));
  }

  /** The answer from memory (each entity its own copy), or undefined when any entity is missing or stale. */
  lookup(keys: readonly string[]): GatewayGraphQLResponse | undefined {
    const entities: unknown[] = [];
    for (const key of keys) {
      const entity = this.entries.get(key);
      if (entity === undefined) return undefined;
      entities.push(copyTree(entity));
    }
    return { data: { _entities: entities } };
  }

  /**
   * Remembers the entities of an answer without any error, one per representation (copies: the gateway will merge into
   * the answer); nothing if a mutation went through since `generation` was taken.
   */
  store(keys: readonly string[], response: GatewayGraphQLResponse, generation: number): void {
    const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
    if (response.errors?.length || !Array.isArray(entities) || entities.length !== keys.length) return;
    keys.forEach((key, i) => {
      if (entities[i] !== null && typeof entities[i] === 'object') this.entries.set(key, copyTree(entities[i]), generation);
    });
  }
}

/** A data source answering fetches of public registry entities from `cache`, and every other fetch through `source`. */
export class PublicEntityCacheSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly source: SubgraphSource,
    private readonly cache: PublicEntityCache,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const keys = this.cache.keysOf(options.request);
    if (!keys) return this.source.process(options);
    const remembered = this.cache.lookup(keys);
    if (remembered) {
      this.cache.stats.hits++;
      return remembered;
    }
    this.cache.stats.misses++;
    const generation = this.cache.generation;
    const response = await this.source.process(options);
    this.cache.store(keys, response, generation);
    return response;
  }
}
