/** How the gateway reaches a subgraph: in-process (embedded stack) or over HTTP (subgraph services). */
import { GraphQLError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Subgraph } from '../subgraphs/subgraph.js';
import { ErrorCode } from '../platform/errors.js';
import type { GatewayContext } from './context.js';
import { distinctRepresentations } from './distinct-representations.js';

/** A data source the gateway can also use for its own calls (e.g. the recognition directory). */
export interface SubgraphSource extends GraphQLDataSource<GatewayContext> {
  call(request: GatewayGraphQLRequest, internalToken: string, idempotencyKey?: string): Promise<GatewayGraphQLResponse>;
}

/**
 * The errors of a subgraph's answer, as the gateway receives them. @apollo/gateway turns each into a new
 * GraphQLError (executeQueryPlan: `response.errors.map((error) => downstreamServiceError(...))`), and a
 * GraphQLError captures a stack trace when it is made: ~30 µs each here (about 8 without), 7 % of the gateway's
 * CPU on the 50-shipment list, whose answers carry ~25 need-to-know refusals (BENCH_CPU_PROF=gateway
 * profile of `npm run bench -- --scenarios list`). That stack would only show the gateway's own frames, never
 * where the subgraph raised the error, so the gateway's `map` over these errors runs without capturing one.
 * Anything else done with the array (iteration, index, length, other methods) is an ordinary array's; if a
 * later gateway no longer calls `map`, the errors simply get their stacks again.
 */
export class SubgraphErrors<T> extends Array<T> {
  static override get [Symbol.species]() {
    return Array;
  }

  override map<U>(callback: (value: T, index: number, array: T[]) => U, thisArg?: unknown): U[] {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return super.map(callback, thisArg);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** The response, its errors (if any) in a SubgraphErrors array. */
export function forGateway(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  if (response.errors?.length) response.errors = SubgraphErrors.from(response.errors);
  return response;
}

/**
 * Calls a subgraph in the gateway's own process: its request pipeline with the same identity check and
 * context as over HTTP (Subgraph.execute), and the execution result object handed to the gateway as it
 * is: no request body or response is serialized to JSON and parsed back (issue 13; docs/performance.md).
 *
 * Shared objects. The gateway mutates what it receives: it merges a root fetch's data into its response
 * tree, sets `__typename` on entities and applies rewrites (@apollo/gateway executeQueryPlan: deepMerge,
 * applyRewrites). That needs no copy here: graphql-js builds a fresh result tree for every execution
 * (objects, lists) whose leaves are strings, numbers and booleans (the subgraphs' scalars serialize to
 * strings), so nothing the subgraph keeps (DataLoader caches, rows, module state) is reachable from the
 * result; a structured clone would only repeat the copy this change removes. The other direction: the
 * subgraph sees the gateway's variables (entity representations included) by reference, and its resolvers
 * only read them. Result objects have a null prototype (graphql-js), which the gateway's merge handles.
 */
export class InProcessDataSource implements SubgraphSource {
  constructor(private readonly subgraph: Subgraph) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const ctx = context as Partial<GatewayContext>;
    const fetch = distinctRepresentations(request);
    try {
      return forGateway(fetch.expand(await this.call(fetch.request, ctx.internalToken ?? '', ctx.idempotencyKey)));
    } catch {
      // A subgraph that cannot answer (stopped, failing) is named, as a remote one is (remote.ts): SUBGRAPH_UNAVAILABLE.
      throw new GraphQLError(`The ${this.subgraph.name} service could not answer this part of the request.`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.subgraph.name },
      });
    }
  }

  call(request: GatewayGraphQLRequest, internalToken: string, idempotencyKey?: string): Promise<GatewayGraphQLResponse> {
    return this.subgraph.execute({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      viewerToken: internalToken || undefined,
      idempotencyKey,
    });
  }
}
