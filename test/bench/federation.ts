/**
 * Other federation gateways in front of our subgraph services, as a deployment would run them:
 * Hive Gateway (its runtime, `@graphql-hive/gateway-runtime`) and stock `@apollo/gateway` in a plain
 * Apollo Server. Both serve the committed schema/supergraph.graphql with the placeholder subgraph
 * URLs rewritten to the services' real ones, and both must hand the subgraphs the signed
 * `x-customs-viewer` identity (src/shared/internal-token.ts): Hive propagates the one its client
 * sends; stock @apollo/gateway signs one itself in `willSendRequest`.
 * Used by test/portability.test.ts and by the benchmark (test/bench/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { projectRoot } from '../../src/platform/paths.js';
import { InternalSigner, VIEWER_HEADER } from '../../src/platform/internal-token.js';
import type { Viewer } from '../../src/platform/viewer.js';
import { createLogger } from '../../src/platform/logger.js';
import { serviceSubgraphNames } from '../../src/subgraphs/index.js';

/** The subgraph services (the one list: src/subgraphs/index.ts). */
export const SUBGRAPHS = serviceSubgraphNames;
export type SubgraphUrls = Record<(typeof SUBGRAPHS)[number], string>;

export const supergraphPath = join(projectRoot, 'schema', 'supergraph.graphql');
export const PLACEHOLDER = /http:\/\/([a-z]+)\.customs-gateway\.internal\/graphql/g;

/**
 * The committed supergraph with each placeholder URL replaced by the real one. A subgraph without a
 * URL (audit: it lives inside our gateway) points at a closed loopback port, never at a name to resolve.
 */
export function supergraphWithUrls(urls: Partial<Record<string, string>>, sdl = readFileSync(supergraphPath, 'utf8')): string {
  return sdl.replace(PLACEHOLDER, (_match, name: string) => urls[name] ?? 'http://127.0.0.1:9/graphql');
}

export interface RunningServer {
  url: string;
  graphqlUrl: string;
  server: Server;
  close(): Promise<void>;
}

export async function serve(handler: Parameters<typeof createServer>[1], port = 0): Promise<RunningServer> {
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type HivePlanner = 'router' | 'default';

/**
 * Hive Gateway with its defaults, except: the client's `x-customs-viewer` header is propagated to every
 * subgraph (the identity contract of our subgraphs), logging is off, and the query planner is the
 * Hive Router planner (`@graphql-hive/router-runtime`, Rust, shipped inside the npm package) unless
 * `planner: 'default'`: Hive's default JavaScript planner sends `Shipment.recognition` an incomplete
 * `@requires` representation (`consignor: { __typename }` without the operator's roles and
 * certifications, which live in a third subgraph), so the registry answers "not recognized".
 */
export async function startHiveGateway(supergraphSdl: string, options: { port?: number; planner?: HivePlanner } = {}): Promise<RunningServer> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
  const planner = options.planner ?? 'router';
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    landingPage: false,
    graphiql: false,
    ...(planner === 'router' ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {}),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ [VIEWER_HEADER]: request.headers.get(VIEWER_HEADER) }),
    },
  });
  const running = await serve((req, res) => void gateway(req, res), options.port ?? 0);
  return {
    ...running,
    close: async () => {
      await running.close();
      await gateway.dispose();
    },
  };
}

/**
 * Stock @apollo/gateway in a plain Apollo Server (default settings, `startStandaloneServer`): its
 * RemoteGraphQLDataSource only adds the signed viewer header. The gateway authenticates nobody: it
 * speaks for one fixed viewer, re-signed well before the token's 60 s expiry.
 */
export async function startStockApolloGateway(
  supergraphSdl: string,
  secret: string,
  viewer: Viewer,
  port = 0,
): Promise<RunningServer & { stop(): Promise<void> }> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const signer = new InternalSigner(secret);
  let token = { value: await signer.sign(viewer), at: Date.now() };
  const currentToken = async () => {
    if (Date.now() - token.at > 20_000) token = { value: await signer.sign(viewer), at: Date.now() };
    return token.value;
  };
  const tokenNow = { value: token.value };
  const refresh = setInterval(() => void currentToken().then((t) => (tokenNow.value = t)), 5_000);
  refresh.unref();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          request.http?.headers.set(VIEWER_HEADER, tokenNow.value);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  const base = url.replace(/\/$/, '').replace('localhost', '127.0.0.1');
  const stop = async () => {
    clearInterval(refresh);
    await server.stop();
  };
  return { url: base, graphqlUrl: `${base}/`, server: undefined as unknown as Server, close: stop, stop };
}

/** The viewer our gateway would sign for a registered client: its administration, and the programmes it recognizes today. */
export async function viewerFor(
  client: { id: string; administration: string; kind: Viewer['kind']; scopes: string[] },
  registryGraphqlUrl: string,
  signer: InternalSigner,
): Promise<Viewer> {
  const { RecognitionDirectory, RegistryRecognitionSource } = await import('../../src/gateway/recognition-directory.js');
  const internal: Viewer = { clientId: 'customs-gateway', administrationCode: '*', kind: 'internal', scopes: ['read'], recognizes: [] };
  const directory = new RecognitionDirectory(
    new RegistryRecognitionSource(async (query) => {
      const res = await fetch(registryGraphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VIEWER_HEADER]: await signer.sign(internal) },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data?: unknown; errors?: unknown[] };
    }),
    createLogger('silent'),
  );
  return {
    clientId: client.id,
    administrationCode: client.administration,
    kind: client.kind,
    scopes: client.scopes,
    recognizes: await directory.programsRecognizedBy(client.administration),
  };
}
