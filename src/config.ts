/**
 * The only reader of process.env. Configuration is parsed once, validated with zod, and passed
 * down; every problem is reported at once so an operator fixes a bad deployment in one go.
 * Every default lives here (`defaults`), and the database URL is parsed here, once, into a
 * DatabaseTarget. Command-line tools get their settings from loadConfig or from a loader below.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './platform/paths.js';
import { serviceSubgraphNames, subgraphUrlVariable, type ServiceSubgraphName } from './subgraphs/index.js';

type Env = Record<string, string | undefined>;

/** Every default of the configuration, in one place. */
export const defaults = {
  port: 4000,
  host: '127.0.0.1',
  databaseUrl: 'file:./data/customs.db',
  /** The PostgreSQL server `npm run db:migration` diffs against (nothing is written there). */
  postgresAdminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
  redisKeyPrefix: 'customs-gateway:',
  seed: { operators: 300, shipments: 2000 },
  devIssuerKeyFile: './data/dev-issuer-key.json',
  tokenAudience: 'customs-gateway',
  /** Tokens must expire within this many seconds of issue (per issuer: maxTokenLifetimeSeconds); exp, nbf and iat tolerate this skew. */
  tokens: { maxLifetimeSeconds: 24 * 60 * 60, clockSkewSeconds: 60 },
  /**
   * Requests in execution per gateway process, the short queue beyond them, and the longest wait in it; then 503 at
   * once. Per topology: the embedded process (`npm start`, role all) runs every subgraph on its one JavaScript thread,
   * so a request is CPU work from start to end and more than two at once only lengthen each other (and the stretches
   * in which the event loop reads no request and fires no queue timeout); the gateway alone (`--only gateway`) mostly
   * waits on the subgraph services, so many at once keep the CPU busy. The embedded queue is long (64): a queued request
   * holds only its body and waits at most queueTimeoutMs, while a refused client that does not honour Retry-After comes
   * back at once, and such retries took half the CPU from accepted answers with a queue of 16. The wait is bounded in
   * time too: a request that would wait longer than queueTimeoutMs (from recent service times) is refused at once
   * (src/gateway/admission.ts). docs/performance.md,
   * "Embedded mode: memory and admission".
   */
  admission: {
    embedded: { concurrency: 2, queue: 64, queueTimeoutMs: 1000 },
    gateway: { concurrency: Math.max(8, 16 * availableParallelism()), queue: 32, queueTimeoutMs: 1000 },
  },
  limits: { depth: 10, aliases: 15, directives: 5, tokens: 1000, rootFields: 20, cost: 50_000, bodyBytes: 100 * 1024, ratePerMinute: 600 },
  resilience: { timeoutMs: 3000, deadlineMs: 10_000, retries: 1, retryBudgetRatio: 0.2, breakerThreshold: 5, breakerCooldownMs: 5000 },
  shutdownGraceMs: 1000,
  /** How many days back a party may date an act that changes recognition (agreement mutations). */
  agreements: { retroactiveWindowDays: 30 },
  /** How subgraphs execute queries: compiled (graphql-jit, graphql-js for what it cannot compile) or graphql-js only. */
  subgraphExecution: 'compiled',
  /** How the gateway shapes merged subgraph data into the answer: prepared once per operation, or Apollo's interpreter. */
  resultShaping: 'prepared',
  /** How long the gateway answers from memory with public registry data (whole answers, and entities for query plans); 0: never. */
  publicCacheMs: 1000,
} as const;

/** What kind of database a DATABASE_URL names. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
  /** For SQLite, the absolute file path (or ':memory:'). */
  file?: string;
}

/** The only place that parses database URLs (relative SQLite paths are resolved against baseDir). */
export function parseDatabaseUrl(url: string, baseDir: string = process.cwd()): DatabaseTarget {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { provider: 'postgresql', url };
  }
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0];
    if (!path) throw new Error('DATABASE_URL "file:" needs a path, e.g. file:./data/customs.db');
    const file = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(baseDir, path);
    return { provider: 'sqlite', url: `file:${file}`, file };
  }
  throw new Error('DATABASE_URL must start with file: (embedded SQLite) or postgresql:// (PostgreSQL)');
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(0);

const onOff = z.enum(['on', 'off']);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(defaults.port),
  HOST: z.string().min(1).default(defaults.host),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (embedded SQLite) or postgresql://')
    .default(defaults.databaseUrl),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^/?#]/, 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379')
    .refine((v) => URL.canParse(v), 'must be a valid URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default(defaults.redisKeyPrefix),
  SEED_OPERATORS: positiveInt.default(defaults.seed.operators),
  SEED_SHIPMENTS: positiveInt.default(defaults.seed.shipments),
  AGREEMENT_RETROACTIVE_DAYS: positiveInt.default(defaults.agreements.retroactiveWindowDays),
  SUBGRAPH_EXECUTION: z.enum(['compiled', 'graphql-js']).default(defaults.subgraphExecution),
  GATEWAY_RESULT_SHAPING: z.enum(['prepared', 'apollo']).default(defaults.resultShaping),
  PUBLIC_CACHE_MS: positiveInt.default(defaults.publicCacheMs),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  CLIENT_REGISTRY_FILE: z
    .string()
    .min(1)
    .default(join(projectRoot, 'src', 'gateway', 'identity', 'dev-clients.json')),
  TRUSTED_ISSUERS_FILE: z.string().min(1).optional(),
  DEV_ISSUER: onOff.optional(),
  DEV_ISSUER_KEY_FILE: z.string().min(1).default(defaults.devIssuerKeyFile),
  TOKEN_AUDIENCE: z.string().min(1).default(defaults.tokenAudience),
  TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(1).default(defaults.tokens.maxLifetimeSeconds),
  TOKEN_CLOCK_SKEW_SECONDS: positiveInt.default(defaults.tokens.clockSkewSeconds),
  INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CORS_ORIGINS: list.default([]),
  BODY_LIMIT_BYTES: positiveInt.default(defaults.limits.bodyBytes),
  MAX_DEPTH: positiveInt.default(defaults.limits.depth),
  MAX_ALIASES: positiveInt.default(defaults.limits.aliases),
  MAX_DIRECTIVES: positiveInt.default(defaults.limits.directives),
  MAX_TOKENS: positiveInt.default(defaults.limits.tokens),
  MAX_ROOT_FIELDS: positiveInt.default(defaults.limits.rootFields),
  MAX_COST: positiveInt.default(defaults.limits.cost),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(defaults.limits.ratePerMinute),
  // Admission control: unset, the defaults of the process's topology (admissionDefaults).
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).optional(),
  MAX_QUEUED_REQUESTS: positiveInt.optional(),
  QUEUE_TIMEOUT_MS: positiveInt.optional(),
  // REGISTRY_URL, OPERATORS_URL, SHIPMENTS_URL: one per service subgraph of src/subgraphs/index.ts.
  ...(Object.fromEntries(serviceSubgraphNames.map((name) => [subgraphUrlVariable(name), z.url().optional()])) as Record<
    ReturnType<typeof subgraphUrlVariable<ServiceSubgraphName>>,
    z.ZodOptional<z.ZodURL>
  >),
  SUBGRAPH_TIMEOUT_MS: positiveInt.default(defaults.resilience.timeoutMs),
  REQUEST_DEADLINE_MS: positiveInt.default(defaults.resilience.deadlineMs),
  SUBGRAPH_RETRIES: positiveInt.default(defaults.resilience.retries),
  BREAKER_THRESHOLD: positiveInt.default(defaults.resilience.breakerThreshold),
  BREAKER_COOLDOWN_MS: positiveInt.default(defaults.resilience.breakerCooldownMs),
  SHUTDOWN_GRACE_MS: positiveInt.default(defaults.shutdownGraceMs),
});

/** What one process runs: everything (the default), or one part of the production topology. */
export type Role = 'all' | 'gateway' | ServiceSubgraphName;
export const roles: Role[] = ['all', 'gateway', ...serviceSubgraphNames];

/** The admission defaults of a process: embedded (everything in one process) or the gateway over subgraph services. */
export function admissionDefaults(role: Role): (typeof defaults.admission)[keyof typeof defaults.admission] {
  return role === 'all' ? defaults.admission.embedded : defaults.admission.gateway;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Limits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  rootFields: number;
  cost: number;
  bodyBytes: number;
  ratePerMinute: number;
  /** Requests in execution at once per gateway process (admission control). */
  concurrency: number;
  /** Requests waiting for a slot beyond those; more are refused at once (503 OVERLOADED). */
  queue: number;
  /** The longest wait in that queue before a 503. */
  queueTimeoutMs: number;
}

export interface Resilience {
  timeoutMs: number;
  deadlineMs: number;
  retries: number;
  /** Retries allowed as a fraction of recent calls (a retry budget against retry storms). */
  retryBudgetRatio: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
}

export interface Config {
  role: Role;
  /** Subgraph service URLs, for the gateway on its own (role gateway). */
  subgraphUrls: Partial<Record<ServiceSubgraphName, string>>;
  resilience: Resilience;
  /** How long readiness reports 503 before the listener closes on SIGTERM. */
  shutdownGraceMs: number;
  nodeEnv: 'development' | 'production' | 'test';
  identity: {
    clientRegistryFile: string;
    trustedIssuersFile?: string;
    devIssuer: boolean;
    devIssuerKeyFile: string;
    audience: string;
    /** The longest token lifetime (exp - iat) from an issuer that sets none, in seconds. */
    tokenMaxLifetimeSeconds: number;
    /** Clock skew tolerated on exp, nbf and iat, in seconds. */
    tokenClockSkewSeconds: number;
  };
  /** Shared by the gateway and its subgraphs to sign and verify the propagated identity. */
  internalSecret?: string;
  corsOrigins: string[];
  limits: Limits;
  port: number;
  host: string;
  /** DATABASE_URL, parsed once. */
  database: DatabaseTarget;
  /** Shared state of the gateway replicas (APQ cache, rate-limit counters); memory when absent. */
  redis?: { url: string; keyPrefix: string };
  seed: { operators: number; shipments: number };
  logLevel: LogLevel;
  /** Agreement mutations: acts changing recognition may be dated back at most this many days (RETROACTIVE_WINDOW_EXCEEDED beyond). */
  agreements: { retroactiveWindowDays: number };
  /** compiled: subgraphs run their queries through graphql-jit (falling back to graphql-js); graphql-js: never compiled. */
  subgraphExecution: 'compiled' | 'graphql-js';
  /** prepared: the gateway shapes answers with plans prepared once per operation (src/gateway/result-shaping.ts); apollo: Apollo's own. */
  resultShaping: 'prepared' | 'apollo';
  /** Public registry data from memory for this long at the gateway (src/gateway/public-cache.ts, entity-cache.ts); 0: never. */
  publicCacheMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env, role: Role = 'all'): Config {
  const relevant = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(relevant);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Cross-field rules are checked on the raw values too, so that every problem is reported at once.
  const raw = relevant as Record<string, string | undefined>;
  const nodeEnv = raw.NODE_ENV ?? 'development';
  const devIssuer = (raw.DEV_ISSUER ?? (nodeEnv === 'production' ? 'off' : 'on')) === 'on';
  if (nodeEnv === 'production' && devIssuer) problems.push('DEV_ISSUER: the development token issuer cannot be on in production');
  if (!devIssuer && !raw.TRUSTED_ISSUERS_FILE && (role === 'all' || role === 'gateway')) {
    problems.push('TRUSTED_ISSUERS_FILE: required when the development issuer is off (no client could authenticate)');
  }
  if (role !== 'all' && !raw.INTERNAL_SECRET)
    problems.push('INTERNAL_SECRET: required when the gateway and the subgraphs run as separate services (the same value for all of them)');
  if (role === 'gateway') {
    for (const key of serviceSubgraphNames.map(subgraphUrlVariable)) {
      if (!raw[key]) problems.push(`${key}: required for --only gateway (the URL of that subgraph service's /graphql)`);
    }
  }
  let database: DatabaseTarget | undefined;
  if (parsed.success) {
    try {
      database = parseDatabaseUrl(parsed.data.DATABASE_URL);
    } catch (error) {
      problems.push(`DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length || !parsed.success || !database) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    role,
    subgraphUrls: Object.fromEntries(serviceSubgraphNames.map((name) => [name, e[subgraphUrlVariable(name)]])),
    resilience: {
      timeoutMs: e.SUBGRAPH_TIMEOUT_MS,
      deadlineMs: e.REQUEST_DEADLINE_MS,
      retries: e.SUBGRAPH_RETRIES,
      retryBudgetRatio: defaults.resilience.retryBudgetRatio,
      breakerThreshold: e.BREAKER_THRESHOLD,
      breakerCooldownMs: e.BREAKER_COOLDOWN_MS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    agreements: { retroactiveWindowDays: e.AGREEMENT_RETROACTIVE_DAYS },
    subgraphExecution: e.SUBGRAPH_EXECUTION,
    resultShaping: e.GATEWAY_RESULT_SHAPING,
    publicCacheMs: e.PUBLIC_CACHE_MS,
    nodeEnv: e.NODE_ENV,
    identity: {
      clientRegistryFile: e.CLIENT_REGISTRY_FILE,
      trustedIssuersFile: e.TRUSTED_ISSUERS_FILE,
      devIssuer,
      devIssuerKeyFile: e.DEV_ISSUER_KEY_FILE,
      audience: e.TOKEN_AUDIENCE,
      tokenMaxLifetimeSeconds: e.TOKEN_MAX_LIFETIME_SECONDS,
      tokenClockSkewSeconds: e.TOKEN_CLOCK_SKEW_SECONDS,
    },
    internalSecret: e.INTERNAL_SECRET,
    corsOrigins: e.CORS_ORIGINS,
    limits: {
      depth: e.MAX_DEPTH,
      aliases: e.MAX_ALIASES,
      directives: e.MAX_DIRECTIVES,
      tokens: e.MAX_TOKENS,
      rootFields: e.MAX_ROOT_FIELDS,
      cost: e.MAX_COST,
      bodyBytes: e.BODY_LIMIT_BYTES,
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      concurrency: e.MAX_CONCURRENT_REQUESTS ?? admissionDefaults(role).concurrency,
      queue: e.MAX_QUEUED_REQUESTS ?? admissionDefaults(role).queue,
      queueTimeoutMs: e.QUEUE_TIMEOUT_MS ?? admissionDefaults(role).queueTimeoutMs,
    },
    port: e.PORT,
    host: e.HOST,
    database,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    seed: { operators: e.SEED_OPERATORS, shipments: e.SEED_SHIPMENTS },
    logLevel: e.LOG_LEVEL,
  };
}

/** The settings of `npm run db:migrate`: only the database and the seed (the services' other settings do not apply). */
export function loadMigrateConfig(env: Env = process.env): Pick<Config, 'database' | 'seed'> {
  const { database, seed } = loadConfig({ DATABASE_URL: env.DATABASE_URL, SEED_OPERATORS: env.SEED_OPERATORS, SEED_SHIPMENTS: env.SEED_SHIPMENTS });
  return { database, seed };
}

/** The settings of the developer tools (`npm run seed:bulk`, `npm run db:migration`). */
export interface ToolConfig {
  /** DATABASE_URL when set (the tool has its own default otherwise). */
  databaseUrl?: string;
  /** POSTGRES_ADMIN_URL: the PostgreSQL server migrations are diffed against. */
  postgresAdminUrl: string;
}

export function loadToolConfig(env: Env = process.env): ToolConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, postgresAdminUrl: env.POSTGRES_ADMIN_URL || defaults.postgresAdminUrl };
}

/**
 * A customs gateway never phones home: @apollo/gateway's anonymous telemetry is switched off before the
 * gateway module is loaded, whatever the environment says. The one write to the environment, kept here
 * beside its only reader.
 */
export function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
}
