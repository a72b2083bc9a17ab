/**
 * One subgraph: an Apollo Server 5 over `buildSubgraphSchema`, reachable in-process (the embedded
 * stack) or over HTTP (a subgraph service). Both paths go through the same `handle` function, so
 * the same context creation and checks apply whichever way the gateway calls it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, type BaseContext, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import { executeGraphQL, HttpError, toGraphQLRequest, writeGraphQLResponse, writeHttpError, writeJson } from '../platform/http/graphql-handler.js';
import { projectRoot } from '../platform/paths.js';
import type { Viewer } from '../platform/viewer.js';
import { VIEWER_HEADER, type InternalSigner } from '../platform/internal-token.js';

export type SubgraphName = 'registry' | 'operators' | 'shipments' | 'audit';
/** Every subgraph of the supergraph; `audit` belongs to the gateway and always runs in its process. */
export const subgraphNames: SubgraphName[] = ['registry', 'operators', 'shipments', 'audit'];

export function readSubgraphTypeDefs(name: SubgraphName): string {
  const dir = join(projectRoot, 'schema', name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

export interface SubgraphDefinition<Ctx extends BaseContext> {
  name: SubgraphName;
  resolvers: unknown;
  /** `request` carries the forwarded headers (e.g. idempotency-key). */
  createContext(viewer: Viewer, request: HTTPGraphQLRequest): Ctx;
  /** Verifies the identity the gateway propagates; calls without it are refused (HTTP 401). */
  signer: InternalSigner;
  /** Checks that the dependencies answer (database). */
  ready(): Promise<void>;
}

export interface Subgraph {
  name: SubgraphName;
  typeDefs: DocumentNode;
  handle(request: HTTPGraphQLRequest): Promise<HTTPGraphQLResponse>;
  http(req: IncomingMessage, res: ServerResponse): Promise<void>;
  ready(): Promise<void>;
  stop(): Promise<void>;
}

const BODY_LIMIT = 2 * 1024 * 1024;

export async function createSubgraph<Ctx extends BaseContext>(def: SubgraphDefinition<Ctx>): Promise<Subgraph> {
  const typeDefs = parse(readSubgraphTypeDefs(def.name));
  const server = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema([
      {
        typeDefs,
        resolvers: def.resolvers as Parameters<typeof buildSubgraphSchema>[0] extends (infer M)[] ? (M extends { resolvers?: infer R } ? R : never) : never,
      },
    ]),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints in the subgraph schemas, and nobody reads them: the plugin only wrapped every resolver (a profile showed it).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
    includeStacktraceInErrorResponses: false,
    // The gateway is the only client; CSRF prevention applies at the gateway's edge.
    csrfPrevention: false,
  });
  await server.start();

  const handle = (request: HTTPGraphQLRequest) =>
    executeGraphQL(server, request, async () => def.createContext(await def.signer.verify(request.headers.get(VIEWER_HEADER)), request));

  return {
    name: def.name,
    typeDefs,
    handle,
    ready: def.ready,
    async http(req, res) {
      const url = new URL(req.url ?? '/', 'http://subgraph');
      try {
        if (url.pathname === '/health') return writeJson(res, 200, { status: 'ok', subgraph: def.name });
        if (url.pathname === '/ready') {
          try {
            await def.ready();
            return writeJson(res, 200, { status: 'ready', subgraph: def.name });
          } catch {
            return writeJson(res, 503, { status: 'unavailable', subgraph: def.name });
          }
        }
        if (url.pathname !== '/graphql') return writeJson(res, 404, { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
        await writeGraphQLResponse(res, await handle(await toGraphQLRequest(req, url, BODY_LIMIT)));
      } catch (error) {
        if (error instanceof HttpError) return writeHttpError(res, error);
        writeJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    },
    stop: () => server.stop(),
  };
}
