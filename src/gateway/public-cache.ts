/**
 * Answers from memory for queries over public registry data only (programmes, agreements,
 * recognitions, benefits, administrations: the same for every authenticated client, see README
 * "Need-to-know"), for one second. The answer is looked up after the request passed every check
 * (identity, trusted documents, limits), so the cache changes how fast, never who may see what.
 * Keyed by the query text's hash, the operation name and the variables. Any mutation through this
 * gateway empties it; writes elsewhere show within the TTL (and the registry subgraph's own snapshot
 * probes every second too). Only error-free answers are kept, at most 200, none past its second.
 *
 * The same mutation hook drops the gateway's other caches of registry data (`dependents`, e.g. the
 * recognition directory): one mechanism for "a write through this gateway makes its caches stale".
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from './context.js';
import { defaults } from '../config.js';
import { TimedEntries } from './timed-entries.js';

/** Root fields that only reach public registry data (no operator or shipment data is reachable from them). */
const PUBLIC_ROOT_FIELDS = new Set(['administrations', 'administration', 'programs', 'program', 'agreements', 'agreement', 'benefits', '__typename']);

/** A query whose root selections are all public registry fields (fragments at the root are not cached: conservative). */
export function isPublicRegistryQuery(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === OperationTypeNode.QUERY &&
    operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && PUBLIC_ROOT_FIELDS.has(s.name.value))
  );
}

/** A cache the gateway keeps of data that a mutation may change. */
export interface Invalidatable {
  invalidate(): void;
}

export function publicResponseCachePlugin(
  options: {
    ttlMs?: number;
    maxEntries?: number;
    /** Dropped with this cache after every mutation through the gateway (when the write is done). */
    dependents?: Invalidatable[];
  } = {},
): ApolloServerPlugin<GatewayContext> {
  const ttlMs = options.ttlMs ?? defaults.publicCacheMs;
  const dependents = options.dependents ?? [];
  const entries = new TimedEntries<GraphQLResponse['body']>(ttlMs, options.maxEntries ?? 200);
  return {
    async requestDidStart() {
      let storeAs: { key: string; generation: number } | null = null;
      return {
        async responseForOperation({ operation, queryHash, request }) {
          if (operation.operation === OperationTypeNode.MUTATION) {
            entries.clear();
            return null;
          }
          if (ttlMs <= 0 || !isPublicRegistryQuery(operation)) return null;
          const key = `${queryHash}\n${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
          const hit = entries.get(key);
          if (hit) return { body: hit, http: { status: undefined, headers: new HeaderMap() } };
          storeAs = { key, generation: entries.generation };
          return null;
        },
        async willSendResponse({ response, operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION) {
            entries.clear(); // after the write, too
            for (const dependent of dependents) dependent.invalidate();
          }
          if (!storeAs || response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
          // Kept unless a mutation went through while this answer was computed (TimedEntries' generation).
          entries.set(storeAs.key, { kind: 'single', singleResult: { data: response.body.singleResult.data } }, storeAs.generation);
        },
      };
    },
  };
}
