/**
 * `npm run db:migrate`: brings the database at DATABASE_URL up to date, as a deployment step before
 * the services start (the production topology's services check the migrations but do not apply them):
 * applies the pending migrations of prisma/postgresql/migrations (or prisma/migrations for a file:
 * URL), then seeds the database if it is empty (SEED_OPERATORS, SEED_SHIPMENTS). Idempotent: a second
 * run changes nothing. Prints what it did; exits 1 when the database cannot be reached or a step
 * fails, 2 on an invalid configuration. Credentials in the URL are never printed.
 */
import pg from 'pg';
import { ConfigError, loadMigrateConfig, type DatabaseTarget } from '../config.js';
import { createDb } from '../data/client.js';
import { describeDatabase } from '../data/database-url.js';
import { applyMigrations, readMigrationList } from '../data/migrate.js';
import { seeder } from '../../prisma/seed/seed.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** The database being migrated, once the configuration is read (to redact its URL from any failure). */
let migrating: DatabaseTarget | undefined;

/** Removes anything secret the URL carries from a driver's message (it should not contain any, but never print one). */
function redact(message: string, url: string): string {
  let text = message.split(url).join('<DATABASE_URL>');
  try {
    const u = new URL(url);
    if (u.password) text = text.split(u.password).join('***').split(decodeURIComponent(u.password)).join('***');
  } catch {
    // not a URL: nothing more to redact
  }
  return text;
}

/** A short, explicit reason why PostgreSQL cannot be used, from the driver's error. */
function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const hints: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    '28P01': 'authentication failed',
    '28000': 'access denied',
    '3D000': 'the database does not exist (create it first, e.g. `createdb`)',
  };
  const message = e.message || (error instanceof AggregateError ? error.errors.map((x) => (x as Error).message).join('; ') : String(error));
  return e.code && hints[e.code] ? `${hints[e.code]}: ${message}` : message;
}

async function assertReachable(target: DatabaseTarget): Promise<void> {
  if (target.provider !== 'postgresql') return;
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<number> {
  let config;
  try {
    // Only what this step needs: the services' other settings (issuers, secrets) do not apply here.
    config = loadMigrateConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`db:migrate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const target = config.database;
  migrating = target;
  const where = describeDatabase(target);
  out(`db:migrate: ${where}`);
  try {
    await assertReachable(target);
  } catch (error) {
    process.stderr.write(`db:migrate: cannot reach ${where}: ${redact(reason(error), target.url)}\n`);
    return 1;
  }

  const known = readMigrationList(target.provider).migrationDirectories.map((d) => d.path);
  const started = Date.now();
  const applied = await applyMigrations(target);
  if (applied.length) {
    out(`applied ${applied.length} migration${applied.length === 1 ? '' : 's'} in ${Date.now() - started} ms:`);
    for (const name of applied) out(`  ${name}`);
  } else {
    out(`schema up to date: all ${known.length} migrations were already applied`);
  }

  const db = createDb(target);
  try {
    if (await seeder.isSeeded(db)) {
      const [administrations, operators, shipments] = await Promise.all([db.administration.count(), db.operator.count(), db.shipment.count()]);
      out(`already seeded (${administrations} administrations, ${operators} operators, ${shipments} shipments): data left as it is`);
    } else {
      const seedStarted = Date.now();
      const counts = await seeder.seed(db, config.seed);
      out(
        `seeded in ${Date.now() - seedStarted} ms: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      );
    }
  } finally {
    await db.$disconnect();
  }
  out('db:migrate: done');
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const url = migrating?.url ?? '';
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`db:migrate failed: ${url ? redact(message, url) : message}\n`);
  process.exitCode = 1;
}
