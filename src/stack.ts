/**
 * Assembles a running system from configuration: database (migrated and seeded on first start),
 * the three subgraphs, and the gateway in front of them. Used by `npm start` and by the tests.
 */
import type { Config } from './config.js';
import { createDb, type Db } from './data/client.js';
import { describeDatabase, parseDatabaseUrl } from './data/database-url.js';
import { applyMigrations } from './data/migrate.js';
import { isSeeded, seedDatabase } from '../prisma/seed/seed.js';
import { createLogger, type Logger } from './shared/logger.js';
import type { Subgraph } from './shared/subgraph.js';
import { createRegistrySubgraph } from './registry/server.js';
import { createOperatorsSubgraph } from './operators/server.js';
import { createShipmentsSubgraph } from './shipments/server.js';
import { composeSupergraph } from './gateway/compose.js';
import { InProcessDataSource } from './gateway/datasources.js';
import { startGateway, type RunningGateway } from './gateway/server.js';
import { randomBytes } from 'node:crypto';
import { InternalSigner } from './shared/internal-token.js';
import { createAuditSubgraph } from './audit/server.js';
import { AuditRepository } from './data/audit-repository.js';
import { AuditLog } from './gateway/audit.js';
import { MemoryRateLimiter } from './gateway/rate-limit.js';
import { readManifest, TrustedDocuments } from './gateway/documents.js';
import { createIdentity } from './gateway/identity/index.js';

export interface StackOptions {
  /** Called with every SQL statement (statement counting). */
  onQuery?: (sql: string) => void;
  logger?: Logger;
}

export interface Stack {
  url: string;
  graphqlUrl: string;
  db: Db;
  gateway: RunningGateway;
  subgraphs: Subgraph[];
  /** Signs the identity the subgraphs trust. */
  signer: InternalSigner;
  audit: AuditLog;
  stop(): Promise<void>;
}

/** Creates the schema and the seed data if the database is new; safe to call on every start. */
export async function prepareDatabase(config: Config, logger: Logger, db?: Db): Promise<Db> {
  const target = parseDatabaseUrl(config.databaseUrl);
  const applied = await applyMigrations(target);
  if (applied.length) logger.info('applied migrations', { database: describeDatabase(target), migrations: applied });
  const client = db ?? createDb(target);
  if (!(await isSeeded(client))) {
    const started = Date.now();
    const counts = await seedDatabase(client, { syntheticOperators: config.seed.operators, syntheticShipments: config.seed.shipments });
    logger.info('seeded the database', { ...counts, ms: Date.now() - started });
  }
  return client;
}

export async function startStack(config: Config, options: StackOptions = {}): Promise<Stack> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const supergraphSdl = composeSupergraph();
  const target = parseDatabaseUrl(config.databaseUrl);
  const db = createDb(target, { onQuery: options.onQuery });
  await prepareDatabase(config, logger, db);

  // In one process the secret never leaves memory; subgraph services share a configured one.
  const signer = new InternalSigner(config.internalSecret ?? randomBytes(32).toString('hex'));
  const deps = { db, signer };
  const subgraphs = await Promise.all([
    createRegistrySubgraph(deps), createOperatorsSubgraph(deps), createShipmentsSubgraph(deps), createAuditSubgraph(deps),
  ]);
  const identity = await createIdentity(config);
  const audit = new AuditLog(new AuditRepository(db), logger);
  const gateway = await startGateway({
    supergraphSdl,
    dataSources: Object.fromEntries(subgraphs.map((s) => [s.name, new InProcessDataSource(s)])),
    port: config.port,
    host: config.host,
    logger,
    authenticator: identity.authenticator,
    signer,
    documents: new TrustedDocuments(readManifest()),
    limits: config.limits,
    rateLimiter: new MemoryRateLimiter(),
    audit,
    corsOrigins: config.corsOrigins,
    ready: async () => {
      await Promise.all(subgraphs.map((s) => s.ready()));
    },
  });
  logger.info('gateway ready', { url: `${gateway.url}/graphql`, database: describeDatabase(target) });
  return {
    url: gateway.url,
    graphqlUrl: `${gateway.url}/graphql`,
    db,
    gateway,
    subgraphs,
    signer,
    audit,
    async stop() {
      await gateway.stop();
      await Promise.all(subgraphs.map((s) => s.stop()));
      await db.$disconnect();
    },
  };
}
