/**
 * The only reader of process.env. Configuration is parsed once, validated with zod, and passed
 * down; every problem is reported at once so an operator fixes a bad deployment in one go.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './shared/paths.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(0);

const onOff = z.enum(['on', 'off']);
const list = z.string().transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (embedded SQLite) or postgresql://')
    .default('file:./data/customs.db'),
  SEED_OPERATORS: positiveInt.default(300),
  SEED_SHIPMENTS: positiveInt.default(2000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  CLIENT_REGISTRY_FILE: z.string().min(1).default(join(projectRoot, 'src', 'gateway', 'identity', 'dev-clients.json')),
  TRUSTED_ISSUERS_FILE: z.string().min(1).optional(),
  DEV_ISSUER: onOff.optional(),
  DEV_ISSUER_KEY_FILE: z.string().min(1).default('./data/dev-issuer-key.json'),
  TOKEN_AUDIENCE: z.string().min(1).default('customs-gateway'),
  INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CORS_ORIGINS: list.default([]),
  BODY_LIMIT_BYTES: positiveInt.default(100 * 1024),
  MAX_DEPTH: positiveInt.default(10),
  MAX_ALIASES: positiveInt.default(15),
  MAX_DIRECTIVES: positiveInt.default(5),
  MAX_TOKENS: positiveInt.default(1000),
  MAX_ROOT_FIELDS: positiveInt.default(20),
  MAX_COST: positiveInt.default(50_000),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
});

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
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  identity: {
    clientRegistryFile: string;
    trustedIssuersFile?: string;
    devIssuer: boolean;
    devIssuerKeyFile: string;
    audience: string;
  };
  /** Shared by the gateway and its subgraphs to sign and verify the propagated identity. */
  internalSecret?: string;
  corsOrigins: string[];
  limits: Limits;
  port: number;
  host: string;
  databaseUrl: string;
  seed: { operators: number; shipments: number };
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const devIssuer = (e.DEV_ISSUER ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on';
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && devIssuer) problems.push('DEV_ISSUER: the development token issuer cannot be on in production');
  if (!devIssuer && !e.TRUSTED_ISSUERS_FILE) problems.push('TRUSTED_ISSUERS_FILE: required when the development issuer is off (no client could authenticate)');
  if (problems.length) throw new ConfigError(problems);
  return {
    nodeEnv: e.NODE_ENV,
    identity: {
      clientRegistryFile: e.CLIENT_REGISTRY_FILE,
      trustedIssuersFile: e.TRUSTED_ISSUERS_FILE,
      devIssuer,
      devIssuerKeyFile: e.DEV_ISSUER_KEY_FILE,
      audience: e.TOKEN_AUDIENCE,
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
    },
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    seed: { operators: e.SEED_OPERATORS, shipments: e.SEED_SHIPMENTS },
    logLevel: e.LOG_LEVEL,
  };
}
