/**
 * One subgraph: an Apollo Server 5 over `buildSubgraphSchema`, reachable in-process (the embedded
 * stack) or over HTTP (a subgraph service). Both paths go through the same `handle` function, so
 * the same context creation and checks apply whichever way the gateway calls it. A subgraph module
 * declares itself with `defineSubgraph` (src/subgraphs/<name>/index.ts).
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
import { compiledExecution, type CompiledExecutionStats } from './compiled-execution.js';
import { parse, type DocumentNode, type FormattedExecutionResult } from 'graphql';
import { contentTypePlugin } from '../platform/http/content-type.js';
import {
  executeGraphQL,
  executeInProcess,
  HttpError,
  toGraphQLRequest,
  writeGraphQLResponse,
  writeHttpError,
  writeJson,
} from '../platform/http/graphql-handler.js';
import { projectRoot } from '../platform/paths.js';
import type { Viewer } from '../platform/viewer.js';
import { VIEWER_HEADER, type InternalSigner } from '../platform/internal-token.js';
import { IDEMPOTENCY_HEADER } from '../platform/http/headers.js';
import type { Db } from '../data/client.js';

/** What every subgraph module is given by the assembly (src/stack.ts): the database and the verifier of the propagated identity. */
export interface SubgraphDeps {
  db: Db;
  signer: InternalSigner;
  /** Agreement mutations' rules from the configuration (default: DEFAULT_RETROACTIVE_WINDOW_DAYS of src/domain/agreement-lifecycle.ts). */
  agreements?: { retroactiveWindowDays: number };
  /** compiled (default): queries run through graphql-jit behind Apollo's executor interface; graphql-js: Apollo's own execution. */
  execution?: 'compiled' | 'graphql-js';
}

/** What a subgraph's context factory gets for one request. */
export interface SubgraphRequest {
  viewer: Viewer;
  /** The client's Idempotency-Key, forwarded by the gateway. */
  idempotencyKey?: string;
}

export type RunsIn = 'service' | 'gateway';

/**
 * One subgraph, declared once in src/subgraphs/<name>/index.ts and listed in src/subgraphs/index.ts, from
 * which the stack, the configuration (roles, subgraph URL variables), codegen and composition derive.
 */
export interface SubgraphDefinition<Name extends string, Where extends RunsIn, Services, Ctx extends BaseContext> {
  name: Name;
  /**
   * Where it runs: a `service` subgraph can also run as its own process (`npm start -- --only <name>`,
   * the gateway reaching it at <NAME>_URL); a `gateway` subgraph always runs inside the gateway's process.
   */
  runsIn: Where;
  /** Its SDL, relative to schema/: `<name>/*.graphql` and the shared files it includes (schema/shared/). Codegen reads the same list. */
  sdl: readonly string[];
  /** GraphQL types whose resolver parents are rows or representations (codegen mappers: `<Type>Parent` in ./mappers.ts). */
  mappedTypes: readonly string[];
  resolvers: unknown;
  /** Once per process: the repositories the resolvers use. */
  services(deps: SubgraphDeps): Services;
  /** Once per request: the context, with fresh DataLoaders. */
  context(services: Services, request: SubgraphRequest): Ctx;
}

/** A subgraph module with its types erased, as the list and the assembly handle it. */
export interface SubgraphModule<Name extends string = string, Where extends RunsIn = RunsIn> {
  readonly name: Name;
  readonly runsIn: Where;
  readonly sdl: readonly string[];
  readonly mappedTypes: readonly string[];
  /** Starts its Apollo Server over the given database. */
  create(deps: SubgraphDeps): Promise<Subgraph>;
}

export function defineSubgraph<const Name extends string, const Where extends RunsIn, Services, Ctx extends BaseContext>(
  definition: SubgraphDefinition<Name, Where, Services, Ctx>,
): SubgraphModule<Name, Where> {
  const { name, runsIn, sdl, mappedTypes } = definition;
  return { name, runsIn, sdl, mappedTypes, create: (deps) => createSubgraph(definition, deps) };
}

/** The SDL of a subgraph: every file its `sdl` list names (a `dir/*.graphql` entry is every .graphql file of that directory, sorted). */
export function readSdl(sdl: readonly string[]): string {
  const root = join(projectRoot, 'schema');
  return sdl
    .flatMap((entry) => {
      if (!entry.endsWith('/*.graphql')) return [join(root, entry)];
      const dir = join(root, entry.slice(0, -'/*.graphql'.length));
      return readdirSync(dir)
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map((f) => join(dir, f));
    })
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** One operation the gateway sends to a subgraph in its own process, with what travels in headers over HTTP. */
export interface SubgraphOperation {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** The signed viewer token (the x-customs-viewer header over HTTP). */
  viewerToken?: string;
  /** The client's Idempotency-Key (its header over HTTP). */
  idempotencyKey?: string;
}

export interface Subgraph {
  name: string;
  typeDefs: DocumentNode;
  handle(request: HTTPGraphQLRequest): Promise<HTTPGraphQLResponse>;
  /** In-process call (the embedded gateway): the same identity check and context as `handle`; the execution result object itself, no JSON. */
  execute(operation: SubgraphOperation): Promise<FormattedExecutionResult>;
  http(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Checks that the dependencies answer (database). */
  ready(): Promise<void>;
  /** How its operations ran: compiled (graphql-jit) or by graphql-js. */
  executionStats: CompiledExecutionStats;
  stop(): Promise<void>;
}

const BODY_LIMIT = 2 * 1024 * 1024;

async function createSubgraph<Services, Ctx extends BaseContext>(
  def: SubgraphDefinition<string, RunsIn, Services, Ctx>,
  deps: SubgraphDeps,
): Promise<Subgraph> {
  const typeDefs = parse(readSdl(def.sdl));
  const services = def.services(deps);
  const ready = async () => {
    await deps.db.$queryRawUnsafe('SELECT 1');
  };
  const schema = buildSubgraphSchema([
    {
      typeDefs,
      resolvers: def.resolvers as Parameters<typeof buildSubgraphSchema>[0] extends (infer M)[] ? (M extends { resolvers?: infer R } ? R : never) : never,
    },
  ]);
  // The query-plan fetches the gateway repeats for every request run compiled (graphql-jit), through Apollo's executor interface.
  const execution = compiledExecution(schema);
  const server = new ApolloServer<Ctx>({
    ...(deps.execution === 'graphql-js' ? { schema } : { gateway: execution.gateway }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints in the subgraph schemas, and nobody reads them: the plugin only wrapped every resolver (a profile showed it).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // The gateway's Accept header is the same on every call: its content type is negotiated once.
      contentTypePlugin<Ctx>(),
    ],
    includeStacktraceInErrorResponses: false,
    // The gateway is the only client; CSRF prevention applies at the gateway's edge.
    csrfPrevention: false,
  });
  await server.start();

  // Every call, in-process or over HTTP, proves the gateway's propagated identity (HTTP 401 without it): one context factory for both.
  const createContext = async (viewerToken: string | undefined, idempotencyKey: string | undefined) =>
    def.context(services, { viewer: await deps.signer.verify(viewerToken), idempotencyKey });
  const handle = (request: HTTPGraphQLRequest) =>
    executeGraphQL(server, request, () => createContext(request.headers.get(VIEWER_HEADER), request.headers.get(IDEMPOTENCY_HEADER) ?? undefined));
  const execute = ({ viewerToken, idempotencyKey, ...request }: SubgraphOperation) =>
    executeInProcess(server, request, () => createContext(viewerToken, idempotencyKey));

  return {
    name: def.name,
    typeDefs,
    handle,
    execute,
    ready,
    executionStats: execution.stats,
    async http(req, res) {
      const url = new URL(req.url ?? '/', 'http://subgraph');
      try {
        if (url.pathname === '/health') return writeJson(res, 200, { status: 'ok', subgraph: def.name });
        if (url.pathname === '/ready') {
          try {
            await ready();
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
