/**
 * The database the suite runs on: the embedded SQLite by default, PostgreSQL with
 * TEST_DATABASE=postgresql (server at TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
 *
 * Global setup migrates and seeds one template per run (SQLite: a file; PostgreSQL: a database
 * `customs_test_template_<run>`); every startTestStack() gets its own copy (a file copy, or
 * `CREATE DATABASE ... TEMPLATE`, which PostgreSQL does by copying files: fast) and drops it on stop.
 * This module runs in Vitest's main process (no `vitest` import here); test-database.ts in the workers.
 * Global teardown drops the template and whatever this run left; databases left by a run that was
 * killed are dropped by the next run once they are an hour old.
 */
import pg from 'pg';
import type { Config } from '../../src/config.js';
import { describeDatabase, parseDatabaseUrl } from '../../src/data/database-url.js';
import { createDb } from '../../src/data/client.js';
import { prepareDatabase } from '../../src/stack.js';
import { seeder } from '../../prisma/seed/seed.js';
import type { Logger } from '../../src/platform/logger.js';
import { templateDbPath } from './paths.js';

export type TestDatabaseKind = 'sqlite' | 'postgresql';

export function testDatabaseKind(env: Record<string, string | undefined> = process.env): TestDatabaseKind {
  const value = env.TEST_DATABASE || 'sqlite';
  if (value !== 'sqlite' && value !== 'postgresql') throw new Error(`TEST_DATABASE must be sqlite or postgresql, not ${value}`);
  return value;
}

export const testPostgresUrl = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

const STALE_AFTER_MS = 60 * 60 * 1000;
const NAME = /^customs_test_(?:template_)?\d+_([0-9a-z]+)(?:_[0-9a-f]+)?$/;

/** The URL of another database on the same server (credentials and parameters kept). */
export function postgresUrlFor(database: string, serverUrl = testPostgresUrl): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE=postgresql needs a PostgreSQL server at ${describeDatabase(parseDatabaseUrl(testPostgresUrl))} (TEST_POSTGRES_URL): ` +
        `${error instanceof Error ? error.message : String(error)}. Start it, or run the embedded suite only: npm run test:sqlite`,
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const drop = (client: pg.Client, name: string) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);

/** Run id: the global-setup process and its start time (so leftovers of killed runs can be recognized by age). */
function newRunId(): string {
  return `${process.pid}_${Math.floor(Date.now() / 1000).toString(36)}`;
}

/**
 * Global setup: migrates and seeds the SQLite template file (always: some tests copy it directly)
 * and, for TEST_DATABASE=postgresql, the PostgreSQL template database. Returns the teardown.
 */
export async function createTemplates(config: Config, logger: Logger, provide: (key: 'postgresTemplate', value: string) => void): Promise<() => Promise<void>> {
  const sqlite = (async () => {
    const db = createDb(parseDatabaseUrl(`file:${templateDbPath}`));
    await prepareDatabase({ ...config, database: parseDatabaseUrl(`file:${templateDbPath}`) }, logger, { db, seeder });
    await db.$disconnect();
  })();
  if (testDatabaseKind() !== 'postgresql') {
    await sqlite;
    return async () => {};
  }
  const runId = newRunId();
  const template = `customs_test_template_${runId}`;
  await admin(async (client) => {
    // Leftovers of runs that were killed before their teardown (an hour is far longer than any run).
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'customs\\_test\\_%'");
    for (const { datname } of rows) {
      const started = NAME.exec(datname)?.[1];
      if (started && Date.now() - parseInt(started, 36) * 1000 > STALE_AFTER_MS) await drop(client, datname);
    }
    await client.query(`CREATE DATABASE ${quote(template)}`);
  });
  try {
    const url = postgresUrlFor(template);
    const db = createDb(parseDatabaseUrl(url));
    await prepareDatabase({ ...config, database: parseDatabaseUrl(url) }, logger, { db, seeder });
    await db.$disconnect();
    // CREATE DATABASE ... TEMPLATE needs a template nobody is connected to: make sure nobody can be.
    await admin(async (client) => {
      await client.query(`ALTER DATABASE ${quote(template)} WITH ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [template]);
    });
    await sqlite;
  } catch (error) {
    await admin((client) => drop(client, template)).catch(() => {});
    throw error;
  }
  provide('postgresTemplate', template);
  return () =>
    admin(async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
      for (const { datname } of rows) if (datname.startsWith(`customs_test_${runId}_`)) await drop(client, datname);
      await drop(client, template);
    });
}
