/**
 * The benchmark's client, scenarios and database, shared by the harness (run.ts) and the profiler (profile.ts).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/platform/paths.js';
import { buildManifest } from '../../src/gateway/documents.js';
import { encodeCursor } from '../../src/platform/pagination.js';
import { createDb } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { applyMigrations } from '../../src/data/migrate.js';
import { mulberry32, seedDatabase } from '../../prisma/seed/seed.js';
import { progressBar } from '../../prisma/seed/bulk.js';

export const CLIENT = { id: 'kr-kcs-analyst', administration: 'KR-KCS', kind: 'analyst' as const, scopes: ['read'] };
export const ALL_SCENARIOS = ['headline', 'list', 'registry'] as const;
export type Scenario = (typeof ALL_SCENARIOS)[number];
const dataDir = join(projectRoot, 'test', 'bench', '.data');

const manifest = buildManifest();
const trusted = (name: string) => manifest.operations.find((o) => o.name === name)!.body;
const trustedId = (name: string) => manifest.operations.find((o) => o.name === name)!.id;
/** Registry only: every programme with the recognitions it enjoys on a date, their agreements (status on that date) and benefits. */
export const PROGRAMS_WITH_AGREEMENTS = `query ProgramsWithAgreements($asOf: Date) {
  programs {
    code name launchedOn
    administration { code name }
    tiers { code name rank }
    recognizedBy(asOf: $asOf) {
      id
      agreement { id title signedOn inForceFrom inForceBasis status(asOf: $asOf) }
      recognizingAdministration { code name }
      eligibleTiers { code }
      coveredRoles effectiveFrom effectiveBasis
      benefits { code name }
    }
  }
}`;

export interface ScenarioInputs {
  query: string;
  /** Our gateway gets trusted documents by id (as partner agencies send them); the others get the text. */
  documentId?: string;
  variables: Record<string, unknown>[];
  /** Requests checked against the reference answer before loading (fixed, the same for every contender). */
  samples: Record<string, unknown>[];
  /** Contenders that apply (direct: only where one subgraph owns everything). */
  direct: boolean;
}

/** The benchmark's inputs are drawn in the same order on every run (this seed), so that runs compare the same requests. */
const INPUT_SEED = 20261130;

/** `rows` in a pseudo-random order that is the same on every run. */
function shuffled<T>(rows: T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Answers each contender must give like the reference before it is loaded: the fixed samples and this many of the load's inputs. */
export const CHECKED_LOAD_INPUTS = 12;

export function inputs(databaseFile: string): Record<Scenario, ScenarioInputs> {
  const sqlite = new Database(databaseFile, { readonly: true });
  const visible = 'WHERE "exportingAdministrationCode" = ? OR "importingAdministrationCode" = ?';
  const rows = sqlite
    .prepare(`SELECT "departedOn", "reference" FROM "Shipment" ${visible} ORDER BY "reference"`)
    .all(CLIENT.administration, CLIENT.administration) as { departedOn: string; reference: string }[];
  sqlite.close();
  const refs = shuffled(rows, INPUT_SEED)
    .slice(0, 2000)
    .map((r) => r.reference);
  const positions = shuffled(rows, INPUT_SEED + 1).slice(0, 300);
  const filters = [null, { exportingAdministration: 'KR-KCS' }, { importingAdministration: 'KR-KCS' }, { importingAdministration: 'US-CBP' }];
  const list = positions.map((p, i) => ({
    first: 50,
    after: i % 5 === 0 ? null : encodeCursor([p.departedOn, p.reference]),
    filter: filters[i % filters.length],
  }));
  const day = (i: number) => new Date(Date.UTC(2005, 0, 1) + ((i * 7919) % 8000) * 86_400_000).toISOString().slice(0, 10);
  const dates = Array.from({ length: 500 }, (_, i) => ({ asOf: day(i) }));
  return {
    headline: {
      query: trusted('ShipmentRecognition'),
      documentId: trustedId('ShipmentRecognition'),
      variables: refs.map((reference) => ({ reference })),
      samples: [
        { reference: 'DEMO-KR-US-0001' },
        { reference: 'DEMO-KR-US-SUSPENDED' },
        ...refs.slice(0, CHECKED_LOAD_INPUTS).map((reference) => ({ reference })),
      ],
      direct: false,
    },
    list: {
      query: trusted('ShipmentsWithRecognition'),
      documentId: trustedId('ShipmentsWithRecognition'),
      variables: list,
      samples: [{ first: 50 }, ...list.slice(1, 1 + CHECKED_LOAD_INPUTS)],
      direct: false,
    },
    registry: {
      query: PROGRAMS_WITH_AGREEMENTS,
      variables: dates,
      samples: [{ asOf: '2024-03-15' }, { asOf: '2009-12-01' }, {}, ...dates.slice(0, CHECKED_LOAD_INPUTS)],
      direct: true,
    },
  };
}

/** The standard seed in test/bench/.data/bench-default.db, made once. */
export async function benchDatabase(): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'bench-default.db');
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    const target = parseDatabaseUrl(`file:${tmp}`);
    await applyMigrations(target);
    const db = createDb(target);
    await seedDatabase(db, { onProgress: progressBar('seeding the benchmark database') });
    await db.$disconnect();
    copyFileSync(tmp, file);
    rmSync(tmp, { force: true });
  }
  return file;
}

/** The environment of every benchmark process of ours (production mode, the dev key as a trusted issuer, no rate limit, no seeding). */
export function benchEnvironment(options: {
  trustedIssuersFile: string;
  databaseUrl: string;
  internalSecret: string;
  keyFile?: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DEV_ISSUER: 'off',
    TRUSTED_ISSUERS_FILE: options.trustedIssuersFile,
    DATABASE_URL: options.databaseUrl,
    INTERNAL_SECRET: options.internalSecret,
    ...(options.keyFile ? { DEV_ISSUER_KEY_FILE: options.keyFile } : {}),
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    SHUTDOWN_GRACE_MS: '0',
    SEED_OPERATORS: '0',
    SEED_SHIPMENTS: '0',
    MAX_COST: '10000000', // the free-form registry query of the benchmark is ours; trusted documents are exempt anyway
  };
}
