/**
 * npm run seed:bulk -- --shipments <n> [--operators <n>] [--database <DATABASE_URL>]
 * Creates a new database (migrated) with the registry, the demo records and a large synthetic population.
 * The database must be new (empty); default: file:./data/bulk-<n>.db.
 */
import { loadToolConfig, parseDatabaseUrl } from '../config.js';
import { createDb } from '../data/client.js';
import { describeDatabase } from '../data/database-url.js';
import { applyMigrations } from '../data/migrate.js';
import { bulkSeed, progressBar } from '../../prisma/seed/bulk.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const shipments = Number(arg('shipments') ?? 10_000);
const operators = arg('operators') ? Number(arg('operators')) : undefined;
if (!Number.isInteger(shipments) || shipments < 0) throw new Error('--shipments must be a non-negative integer');
const url = arg('database') ?? loadToolConfig().databaseUrl ?? `file:./data/bulk-${shipments}.db`;
const target = parseDatabaseUrl(url);
await applyMigrations(target);
const db = createDb(target);
const result = await bulkSeed(db, { shipments, operators, provider: target.provider, onProgress: progressBar('shipments') });
await db.$disconnect();
const rows = result.shipments + result.goodsLines;
process.stdout.write(
  `${describeDatabase(target)}: ${result.shipments.toLocaleString('en')} shipments, ${result.goodsLines.toLocaleString('en')} goods lines, ` +
    `${result.operators.toLocaleString('en')} synthetic operators in ${(result.ms / 1000).toFixed(1)} s (${Math.round(rows / (result.ms / 1000)).toLocaleString('en')} rows/s)\n`,
);
