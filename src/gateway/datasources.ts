/** How the gateway reaches a subgraph: in-process (embedded stack) or over HTTP (subgraph services). */
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Subgraph } from '../subgraphs/subgraph.js';
import { VIEWER_HEADER } from '../platform/internal-token.js';
import { ErrorCode } from '../platform/errors.js';
import { IDEMPOTENCY_HEADER } from '../platform/http/headers.js';
import type { GatewayContext } from './context.js';

/** A data source the gateway can also use for its own calls (e.g. the recognition directory). */
export interface SubgraphSource extends GraphQLDataSource<GatewayContext> {
  call(request: GatewayGraphQLRequest, internalToken: string, idempotencyKey?: string): Promise<GatewayGraphQLResponse>;
}

/** Calls the subgraph's request pipeline directly: same checks and context as over HTTP, without sockets. */
export class InProcessDataSource implements SubgraphSource {
  constructor(private readonly subgraph: Subgraph) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const ctx = context as Partial<GatewayContext>;
    try {
      return await this.call(request, ctx.internalToken ?? '', ctx.idempotencyKey);
    } catch {
      // A subgraph that cannot answer (stopped, failing) is named, as a remote one is (remote.ts): SUBGRAPH_UNAVAILABLE.
      throw new GraphQLError(`The ${this.subgraph.name} service could not answer this part of the request.`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.subgraph.name },
      });
    }
  }

  async call(request: GatewayGraphQLRequest, internalToken: string, idempotencyKey?: string): Promise<GatewayGraphQLResponse> {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (internalToken) headers.set(VIEWER_HEADER, internalToken);
    if (idempotencyKey) headers.set(IDEMPOTENCY_HEADER, idempotencyKey);
    const response = await this.subgraph.handle({
      method: 'POST',
      headers,
      search: '',
      body: {
        query: request.query,
        ...(request.variables ? { variables: request.variables } : {}),
        ...(request.operationName ? { operationName: request.operationName } : {}),
      },
    });
    if (response.body.kind !== 'complete') throw new Error(`subgraph ${this.subgraph.name} answered with a stream`);
    return JSON.parse(response.body.string) as GatewayGraphQLResponse;
  }
}
