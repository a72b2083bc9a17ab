/**
 * The gateway: Apollo Server 5 + @apollo/gateway over the supergraph composed from schema/.
 * It owns the policy that applies to every request (identity, trusted documents, limits, rate limit,
 * audit, error masking, health); subgraphs own data and enforce need-to-know on it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { contentTypePlugin } from '../platform/http/content-type.js';
import { PublicEntityCache, PublicEntityCacheSource } from './entity-cache.js';
import { executeGraphQL, HttpError, toGraphQLRequest, writeGraphQLResponse, writeHttpError, writeJson } from '../platform/http/graphql-handler.js';
import { listen, type Listening } from '../platform/http/listen.js';
import { DateScalar } from '../platform/scalars.js';
import type { Logger } from '../platform/logger.js';
import type { InternalSigner } from '../platform/internal-token.js';
import { defaults, disableApolloTelemetry, type Limits } from '../config.js';
import { maskError } from './errors.js';
import type { GatewayContext } from './context.js';
import type { SubgraphSource } from './datasources.js';
import type { Authenticator } from './identity/authenticate.js';
import { RecognitionDirectory, RegistryRecognitionSource } from './recognition-directory.js';
import type { RecognitionSource } from './ports.js';
import { IDEMPOTENCY_HEADER } from '../platform/http/headers.js';
import { resolveTrustedDocument, type TrustedDocuments } from './documents.js';
import type { RateLimiter } from './rate-limit.js';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { AuditLog } from './audit.js';
import { auditPlugin, cacheControlPlugin, coerceVariablesPlugin, limitsPlugin, suggestionsPlugin } from './policy.js';
import { publicResponseCachePlugin } from './public-cache.js';
import { Admission, overloaded } from './admission.js';
import { installResultShaping, type ResultShaping } from './result-shaping.js';

// A customs gateway never phones home: telemetry off before @apollo/gateway is loaded (src/config.ts).
disableApolloTelemetry();
const { ApolloGateway } = await import('@apollo/gateway');

export interface GatewayOptions {
  supergraphSdl: string;
  /** A data source per subgraph name. */
  dataSources: Record<string, SubgraphSource>;
  port: number;
  host: string;
  logger: Logger;
  authenticator: Authenticator;
  signer: InternalSigner;
  documents: TrustedDocuments;
  limits: Limits;
  rateLimiter: RateLimiter;
  /** The APQ cache (query text by hash), e.g. Redis shared by replicas; Apollo Server's in-memory cache when absent. */
  apqCache?: KeyValueCache<string>;
  audit: AuditLog;
  /** Origins allowed to call from a browser (CORS); empty means same-origin only. */
  corsOrigins?: string[];
  /** Overall deadline for one request's subgraph calls. */
  deadlineMs?: number;
  /** How long readiness reports 503 before the listener closes on stop (SIGTERM). */
  shutdownGraceMs?: number;
  /** How answers are shaped from subgraph data (process-wide: every gateway in the process shapes the same way); prepared by default. */
  resultShaping?: ResultShaping;
  /** Which programmes each administration recognizes (need-to-know); by default, asked of the registry subgraph. */
  recognitionSource?: RecognitionSource;
  /** Extra readiness checks (subgraphs, database). */
  ready?: () => Promise<void>;
  /**
   * Browser pages served by the gateway itself (playground, explorer, their bundled assets). Called
   * first for every request; returns true when it answered.
   */
  pages?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Public registry data from memory for this long: whole answers and entities for query plans (default defaults.publicCacheMs; 0: never). */
  publicCacheMs?: number;
}

export interface RunningGateway extends Listening {
  recognitionDirectory: RecognitionDirectory;
  /** The registry's public entities remembered for query plans (entity-cache.ts). */
  entityCache: PublicEntityCache;
  stop(): Promise<void>;
}

/** The supergraph's Date scalar has no implementation at the gateway; give it the real one so bad dates fail before planning. */
function implementScalars(schema: GraphQLSchema) {
  const date = schema.getType('Date');
  if (date instanceof GraphQLScalarType) {
    date.parseValue = DateScalar.parseValue;
    date.parseLiteral = DateScalar.parseLiteral;
    date.serialize = DateScalar.serialize;
  }
}

const INTERNAL_VIEWER = { clientId: 'customs-gateway', administrationCode: '*', kind: 'internal' as const, scopes: ['read'], recognizes: [] };

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger, signer } = options;
  installResultShaping(options.resultShaping ?? 'prepared', (m) => logger.warn(m));
  const publicCacheMs = options.publicCacheMs ?? defaults.publicCacheMs;
  const entityCache = new PublicEntityCache({ ttlMs: publicCacheMs });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const source = options.dataSources[name];
      if (!source) throw new Error(`no data source configured for subgraph ${name}`);
      // The registry's public entities (programmes, administrations, ...) from memory for a second (entity-cache.ts).
      return name === 'registry' && publicCacheMs > 0 ? new PublicEntityCacheSource(source, entityCache) : source;
    },
    logger: {
      debug: () => {},
      info: (m: unknown) => logger.debug(String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => implementScalars(apiSchema));

  const registry = options.dataSources.registry;
  const recognitionDirectory = new RecognitionDirectory(
    options.recognitionSource ?? new RegistryRecognitionSource(async (query) => registry.call({ query }, await signer.sign(INTERNAL_VIEWER))),
    logger,
  );

  const server = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      coerceVariablesPlugin,
      limitsPlugin(options.limits),
      suggestionsPlugin,
      auditPlugin(options.audit),
      cacheControlPlugin(),
      // After every check above: public registry answers from memory for 1 s. A mutation empties it, the public
      // registry entities remembered for query plans, and the recognition directory.
      publicResponseCachePlugin({ ttlMs: publicCacheMs, dependents: [recognitionDirectory, entityCache] }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Each distinct Accept header negotiated once (Apollo parses it on every request otherwise).
      contentTypePlugin<GatewayContext>(),
    ],
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Explicit in every mode (Apollo turns it off under NODE_ENV=production): limitsPlugin lets analysts introspect, nobody else.
    introspection: true,
    // A shared APQ cache must not grow for ever: entries expire after a day (clients register them again).
    persistedQueries: options.apqCache ? { cache: options.apqCache, ttl: 24 * 60 * 60 } : undefined,
    parseOptions: { maxTokens: options.limits.tokens },
    formatError: (formatted) => maskError(formatted, (msg, fields) => logger.warn(msg, fields)),
  });
  await server.start();

  const corsOrigins = new Set(options.corsOrigins ?? []);
  let draining = false;
  const admission = new Admission(options.limits); // requests in execution, a short queue, then 503 OVERLOADED at once

  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    if (!origin || !(corsOrigins.has(origin) || corsOrigins.has('*'))) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-headers': `authorization, content-type, apollo-require-preflight, x-apollo-operation-name, ${IDEMPOTENCY_HEADER}`,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-max-age': '600',
      vary: 'Origin',
    };
  };

  const recordRejection = (identity: { clientId: string; administrationCode: string; kind: string } | null, code: string) => {
    if (!identity || (identity.kind !== 'partner' && identity.kind !== 'frontend')) return;
    options.audit.record({
      at: new Date().toISOString(),
      clientId: identity.clientId,
      clientKind: identity.kind,
      administrationCode: identity.administrationCode,
      documentId: null,
      operationName: null,
      operationType: null,
      outcome: 'REJECTED',
      errorCodes: code,
    });
  };

  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL, corsHeaders: Record<string, string>) => {
    let identity: Awaited<ReturnType<Authenticator['authenticate']>> | null = null;
    let release: (() => void) | undefined;
    try {
      // Saturated: refused before any work (no token verified, no body read), so that refusing costs the busy process almost nothing.
      if (admission.saturated) throw overloaded();
      identity = await options.authenticator.authenticate(req.headers.authorization);
      const rate = await options.rateLimiter.take(identity.clientId, identity.rateLimitPerMinute ?? options.limits.ratePerMinute);
      if (!rate.allowed) {
        throw new HttpError(429, `Rate limit exceeded; retry in ${rate.retryAfterSeconds} s.`, 'RATE_LIMITED', {
          'retry-after': String(rate.retryAfterSeconds),
        });
      }
      const raw = await toGraphQLRequest(req, url, options.limits.bodyBytes);
      const { request, documentId } = resolveTrustedDocument(options.documents, raw, identity.persistedOnly);
      release = await admission.enter();
      const viewer = {
        clientId: identity.clientId,
        administrationCode: identity.administrationCode,
        kind: identity.kind,
        scopes: identity.scopes,
        recognizes: await recognitionDirectory.programsRecognizedBy(identity.administrationCode),
      };
      const idempotencyHeader = req.headers[IDEMPOTENCY_HEADER];
      const idempotencyKey = typeof idempotencyHeader === 'string' ? idempotencyHeader : undefined;
      if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(idempotencyKey)) {
        throw new HttpError(400, 'Idempotency-Key must be 8 to 128 characters of letters, digits, ".", "_", ":" or "-".', 'BAD_USER_INPUT');
      }
      const context: GatewayContext = {
        viewer,
        persistedOnly: identity.persistedOnly,
        internalToken: await signer.sign(viewer),
        documentId,
        idempotencyKey,
        deadline: Date.now() + (options.deadlineMs ?? defaults.resilience.deadlineMs),
      };
      const response = await executeGraphQL(server, request, async () => context);
      release();
      await writeGraphQLResponse(res, response, corsHeaders);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      recordRejection(identity, error.code);
      writeHttpError(res, new HttpError(error.status, error.message, error.code, { ...error.headers, ...corsHeaders }, error.extensions));
    } finally {
      release?.();
    }
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    try {
      if (url.pathname === '/health') return writeJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        if (draining) return writeJson(res, 503, { status: 'draining' });
        if (admission.saturated) return writeJson(res, 503, { status: 'saturated' });
        try {
          await options.ready?.();
          return writeJson(res, 200, { status: 'ready' });
        } catch {
          return writeJson(res, 503, { status: 'unavailable' });
        }
      }
      if (options.pages && (await options.pages(req, res, url))) return;
      if (url.pathname !== '/graphql') return writeJson(res, 404, { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
      const corsHeaders = cors(req);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, corsHeaders);
        return res.end();
      }
      await graphql(req, res, url, corsHeaders);
    } catch (error) {
      logger.error('unhandled gateway error', { error: String(error) });
      if (!res.headersSent) writeJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  };

  const listening = await listen((req, res) => void handler(req, res), options.port, options.host);
  return {
    ...listening,
    recognitionDirectory,
    entityCache,
    async stop() {
      draining = true; // readiness answers 503 so load balancers stop sending; requests still served
      if (options.shutdownGraceMs) await new Promise((r) => setTimeout(r, options.shutdownGraceMs));
      await listening.close(); // in-flight requests finish; idle keep-alive sockets close
      await server.stop();
      await options.audit.flush();
    },
  };
}
