/**
 * Derives prisma/postgresql/schema.prisma from prisma/schema.prisma: same models, PostgreSQL provider,
 * its own generated client. Run by `npm run db:schemas` (part of `npm run generate`); a test fails
 * when the committed derived schema is stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function derivePostgresSchema(sqliteSchema: string): string {
  const derived = sqliteSchema
    .replace('output       = "../src/data/generated/sqlite"', 'output       = "../../src/data/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (derived === sqliteSchema || !derived.includes('provider = "postgresql"') || !derived.includes('generated/postgresql')) {
    throw new Error('prisma/schema.prisma no longer has the generator output or datasource provider lines this script rewrites');
  }
  return '// GENERATED from prisma/schema.prisma by `npm run db:schemas`. Do not edit.\n' + derived;
}

export const postgresSchemaPath = join(here, 'postgresql', 'schema.prisma');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, derivePostgresSchema(readFileSync(join(here, 'schema.prisma'), 'utf8')));
  console.log('wrote prisma/postgresql/schema.prisma');
}
