/**
 * `npm run db:migration -- <name>`: after editing prisma/schema.prisma (and `npm run generate`),
 * writes a new migration with the same name for both providers (prisma/migrations for SQLite,
 * prisma/postgresql/migrations for PostgreSQL) so both histories stay in step. The history is
 * replayed into a temporary SQLite file (removed afterwards); the PostgreSQL script is diffed from
 * the previous data model, with a connection to POSTGRES_ADMIN_URL (default
 * postgresql://postgres@127.0.0.1:5432/postgres; nothing is written there).
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigrations } from '../data/migrate.js';
import { loadToolConfig, parseDatabaseUrl } from '../config.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/i.test(name)) {
  process.stderr.write('usage: npm run db:migration -- <name>   (letters, digits and underscores)\n');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

const sqliteFile = join(tmpdir(), `customs-migration-${process.pid}.db`);
const postgres = parseDatabaseUrl(loadToolConfig().postgresAdminUrl);
try {
  const folder = await createMigrations(name, stamp, parseDatabaseUrl(`file:${sqliteFile}`), postgres);
  process.stdout.write(folder ? `created ${folder} in prisma/migrations and prisma/postgresql/migrations\n` : 'schema unchanged: no migration created\n');
} catch (error) {
  process.stderr.write(`db:migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(sqliteFile, { force: true });
}
