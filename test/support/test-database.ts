/** A private, migrated and seeded database per test stack (see database.ts). Runs in the test workers. */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { admin, drop, postgresUrlFor, quote, testDatabaseKind } from './database.js';
import { templateDbPath, tmpDir } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL template database of this run (TEST_DATABASE=postgresql only). */
    postgresTemplate: string;
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A private, migrated and seeded database for one test stack (`empty`: a new database with nothing in it). */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (testDatabaseKind() !== 'postgresql') {
    const file = join(tmpDir, `${randomUUID()}.db`);
    if (!options.empty) copyFileSync(templateDbPath, file);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const template = inject('postgresTemplate');
  const name = `${template.replace('customs_test_template_', 'customs_test_')}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quote(name)}${options.empty ? '' : ` TEMPLATE ${quote(template)}`}`);
        return;
      } catch (error) {
        // 55006: "source database is being accessed by other users" (a concurrent copy); try again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  });
  return { url: postgresUrlFor(name), drop: () => admin((client) => drop(client, name)).then(() => {}) };
}
