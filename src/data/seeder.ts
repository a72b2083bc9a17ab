/**
 * How a new database gets its first data. The seeder itself (prisma/seed/seed.ts, a large generator
 * over the curated CSVs) is tooling: entry points (src/main.ts, src/cli/*, test/support) pass it into
 * database preparation, and no runtime module imports it.
 */
import type { Db } from './client.js';

export interface DatabaseSeeder {
  /** True when the database already has its data (seeding is then skipped). */
  isSeeded(db: Db): Promise<boolean>;
  /** Seeds an empty database with the given synthetic population; returns what it inserted, by kind. */
  seed(db: Db, size: { operators: number; shipments: number }): Promise<Record<string, number>>;
}
