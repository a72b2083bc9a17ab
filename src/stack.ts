/**
 * Assembles a running system from configuration. One process by default (the three subgraphs
 * in-process behind the gateway, on the embedded database, migrated and seeded on first start);
 * in production, one part per process (`npm start -- --only <part>`), the gateway calling the
 * subgraph services over HTTP. Used by `npm start` and by the tests. The subgraphs come from the one
 * list (src/subgraphs/index.ts); the gateway's ports (src/gateway/ports.ts) are wired to src/data here.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config.js';
import { createDb, type Db } from './data/client.js';
import { describeDatabase } from './data/database-url.js';
import { applyMigrations, readMigrationList } from './data/migrate.js';
import type { DatabaseSeeder } from './data/seeder.js';
import { createLogger, type Logger } from './platform/logger.js';
import type { Subgraph, SubgraphDeps } from './subgraphs/subgraph.js';
import { gatewaySubgraphs, serviceSubgraphs, subgraphByName, type ServiceSubgraphName } from './subgraphs/index.js';
import { InternalSigner } from './platform/internal-token.js';
import { listen, type Listening } from './platform/http/listen.js';
import { composeSupergraph } from './gateway/compose.js';
import { InProcessDataSource, type SubgraphSource } from './gateway/datasources.js';
import { RemoteSubgraphSource } from './gateway/remote.js';
import { startGateway, type RunningGateway } from './gateway/server.js';
import { AuditRepository } from './data/audit-repository.js';
import { AuditLog } from './gateway/audit.js';
import { createSharedState } from './gateway/shared-state.js';
import { readManifest, TrustedDocuments } from './gateway/documents.js';
import { createIdentity } from './gateway/identity/index.js';
import { createPages } from './playground/pages.js';

export interface StackOptions {
  /** Called with every SQL statement (statement counting). */
  onQuery?: (sql: string) => void;
  logger?: Logger;
  pages?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Seeds a new database (startStack prepares the database): passed in by the entry point; without it, a new database stays empty. */
  seeder?: DatabaseSeeder;
  /** The clock of rate-limit windows and the Redis back-off (Date.now by default): tests drive it. */
  now?: () => number;
}

export interface Stack {
  url: string;
  graphqlUrl: string;
  db: Db;
  gateway: RunningGateway;
  /** The subgraphs running in this process. */
  subgraphs: Subgraph[];
  /** Signs the identity the subgraphs trust. */
  signer: InternalSigner;
  audit: AuditLog;
  stop(): Promise<void>;
}

/**
 * Creates the schema and, with a seeder, the seed data if the database is new; safe to call on every
 * start. The seeder is passed in by the entry point (the seed generator is tooling, not runtime).
 */
export async function prepareDatabase(config: Config, logger: Logger, options: { db?: Db; seeder?: DatabaseSeeder } = {}): Promise<Db> {
  const { db, seeder } = options;
  const target = config.database;
  const applied = await applyMigrations(target);
  if (applied.length) logger.info('applied migrations', { database: describeDatabase(target), migrations: applied });
  const client = db ?? createDb(target);
  if (seeder && !(await seeder.isSeeded(client))) {
    const started = Date.now();
    const counts = await seeder.seed(client, config.seed);
    logger.info('seeded the database', { ...counts, ms: Date.now() - started });
  }
  return client;
}

/** A service of the production topology does not migrate on its own: it checks that `npm run db:migrate` ran. */
async function assertMigrated(db: Db, config: Config) {
  const target = config.database;
  const expected = readMigrationList(target.provider).migrationDirectories.map((d) => d.path);
  let applied: string[] = [];
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    applied = rows.map((r) => r.migration_name);
  } catch {
    // no migrations table: not migrated
  }
  const missing = expected.filter((m) => !applied.includes(m));
  if (missing.length) {
    throw new Error(`${describeDatabase(target)} is missing migrations ${missing.join(', ')}: run \`npm run db:migrate\` with the same DATABASE_URL first`);
  }
}

interface GatewayAssembly {
  config: Config;
  options: StackOptions;
  logger: Logger;
  db: Db;
  signer: InternalSigner;
  /** Data sources for the service subgraphs; the gateway's own subgraphs (audit) always run in its process. */
  sources: Record<string, SubgraphSource>;
  localSubgraphs: Subgraph[];
  ready: () => Promise<void>;
  onStop: () => Promise<void>;
}

async function launchGateway(a: GatewayAssembly): Promise<Stack> {
  const supergraphSdl = composeSupergraph();
  const ownSubgraphs = await Promise.all(gatewaySubgraphs.map((s) => s.create({ db: a.db, signer: a.signer })));
  const identity = await createIdentity(a.config);
  const audit = new AuditLog(new AuditRepository(a.db), a.logger); // the gateway's audit sink port, implemented by src/data
  const shared = await createSharedState(a.config, a.logger, { now: a.options.now }); // APQ cache and rate limits: Redis (REDIS_URL) or memory
  const gateway = await startGateway({
    supergraphSdl,
    dataSources: { ...a.sources, ...Object.fromEntries(ownSubgraphs.map((s) => [s.name, new InProcessDataSource(s)])) },
    port: a.config.port,
    host: a.config.host,
    logger: a.logger,
    authenticator: identity.authenticator,
    signer: a.signer,
    documents: new TrustedDocuments(readManifest()),
    limits: a.config.limits,
    rateLimiter: shared.rateLimiter,
    apqCache: shared.apqCache,
    audit,
    corsOrigins: a.config.corsOrigins,
    deadlineMs: a.config.resilience.deadlineMs,
    shutdownGraceMs: a.config.shutdownGraceMs,
    resultShaping: a.config.resultShaping,
    publicCacheMs: a.config.publicCacheMs,
    pages: a.options.pages ?? createPages({ manifest: readManifest() }),
    ready: async () => {
      await Promise.all([a.ready(), ...ownSubgraphs.map((s) => s.ready())]);
    },
  });
  a.logger.info('gateway ready', { url: `${gateway.url}/graphql`, role: a.config.role, database: describeDatabase(a.config.database) });
  const subgraphs = [...a.localSubgraphs, ...ownSubgraphs];
  return {
    url: gateway.url,
    graphqlUrl: `${gateway.url}/graphql`,
    db: a.db,
    gateway,
    subgraphs,
    signer: a.signer,
    audit,
    async stop() {
      await gateway.stop();
      await shared.close();
      await Promise.all(subgraphs.map((s) => s.stop()));
      await a.onStop();
      await a.db.$disconnect();
    },
  };
}

/** Everything in one process: the embedded default of `npm start`. */
export async function startStack(config: Config, options: StackOptions = {}): Promise<Stack> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDb(config.database, { onQuery: options.onQuery });
  await prepareDatabase(config, logger, { db, seeder: options.seeder });
  // In one process the secret never leaves memory; subgraph services share a configured one.
  const signer = new InternalSigner(config.internalSecret ?? randomBytes(32).toString('hex'));
  const deps: SubgraphDeps = { db, signer, agreements: config.agreements, execution: config.subgraphExecution };
  const subgraphs = await Promise.all(serviceSubgraphs.map((s) => s.create(deps)));
  return launchGateway({
    config,
    options,
    logger,
    db,
    signer,
    sources: Object.fromEntries(subgraphs.map((s) => [s.name, new InProcessDataSource(s)])),
    localSubgraphs: subgraphs,
    ready: async () => {
      await Promise.all(subgraphs.map((s) => s.ready()));
    },
    onStop: async () => {},
  });
}

/** The gateway on its own, calling the subgraph services at their <NAME>_URL (REGISTRY_URL, OPERATORS_URL, SHIPMENTS_URL). */
export async function startGatewayService(config: Config, options: StackOptions = {}): Promise<Stack> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDb(config.database, { onQuery: options.onQuery });
  await assertMigrated(db, config);
  const signer = new InternalSigner(config.internalSecret!);
  const r = config.resilience;
  const resilience = {
    timeoutMs: r.timeoutMs,
    retries: r.retries,
    retryBudgetRatio: r.retryBudgetRatio,
    breakerThreshold: r.breakerThreshold,
    breakerCooldownMs: r.breakerCooldownMs,
  };
  const sources = Object.fromEntries(
    serviceSubgraphs.map(({ name }) => [name, new RemoteSubgraphSource(name, config.subgraphUrls[name]!, resilience, logger)]),
  );
  return launchGateway({
    config,
    options,
    logger,
    db,
    signer,
    sources,
    localSubgraphs: [],
    ready: async () => {
      await Promise.all(Object.values(sources).map((s) => s.ready()));
    },
    onStop: async () => {
      await Promise.all(Object.values(sources).map((s) => s.close()));
    },
  });
}

export interface SubgraphService extends Listening {
  subgraph: Subgraph;
  db: Db;
  stop(): Promise<void>;
}

/** One subgraph as its own service, on its own port and database, answering only the gateway. */
export async function startSubgraphService(config: Config, name: ServiceSubgraphName, options: StackOptions = {}): Promise<SubgraphService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDb(config.database, { onQuery: options.onQuery });
  await assertMigrated(db, config);
  const subgraph = await subgraphByName(name).create({
    db,
    signer: new InternalSigner(config.internalSecret!),
    agreements: config.agreements,
    execution: config.subgraphExecution,
  });
  let draining = false;
  const listening = await listen(
    (req, res) => {
      if (draining && req.url?.startsWith('/ready')) {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"draining"}');
        return;
      }
      void subgraph.http(req, res);
    },
    config.port,
    config.host,
  );
  logger.info('subgraph ready', { subgraph: name, url: `${listening.url}/graphql`, database: describeDatabase(config.database) });
  return {
    ...listening,
    subgraph,
    db,
    async stop() {
      draining = true;
      if (config.shutdownGraceMs) await new Promise((r) => setTimeout(r, config.shutdownGraceMs));
      await listening.close();
      await subgraph.stop();
      await db.$disconnect();
    },
  };
}
