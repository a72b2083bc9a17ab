/**
 * `npm run db:migrate` as a deployment runs it: on a new database of the kind the suite runs on
 * (SQLite, or PostgreSQL under TEST_DATABASE=postgresql) it applies the whole migration history and
 * seeds; a second run changes nothing; a SQLite file's missing folder is made; an unreachable database is a clear
 * error, without credentials.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/processes.js';
import { testDatabaseKind } from '../support/database.js';
import { tmpDir } from '../support/paths.js';
import { projectRoot } from '../../src/platform/paths.js';
import { readMigrationList } from '../../src/data/migrate.js';
import { createDb } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { DEMO_SHIPMENTS } from '../../prisma/seed/demo.js';

function dbMigrate(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'db:migrate'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, SEED_OPERATORS: '10', SEED_SHIPMENTS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A password the server ignores (trust authentication) or a SQLite URL cannot carry: it must never be printed. */
const secret = `not-printed-${Math.random().toString(36).slice(2)}`;
const withPassword = (url: string) => {
  if (!url.startsWith('postgres')) return url;
  const u = new URL(url);
  if (!u.password) u.password = secret;
  return u.toString();
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
});
afterAll(() => database?.drop());

describe.concurrent(`npm run db:migrate (${testDatabaseKind()})`, () => {
  it('applies every migration to a new database and seeds it; a second run changes nothing', async () => {
    const url = withPassword(database.url);
    const first = await dbMigrate(url);
    expect(first.stderr).not.toContain(secret);
    expect(first.stdout).not.toContain(secret);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(testDatabaseKind() === 'postgresql' ? 'db:migrate: PostgreSQL 127.0.0.1:5432/customs_test_' : 'db:migrate: SQLite ');
    const migrations = readMigrationList(testDatabaseKind()).migrationDirectories.map((d) => d.path);
    expect(first.stdout).toContain(`applied ${migrations.length} migration`);
    for (const name of migrations) expect(first.stdout).toContain(name);
    expect(first.stdout).toMatch(/seeded in \d+ ms: .*\d+ shipments/);

    const db = createDb(parseDatabaseUrl(database.url));
    try {
      expect(await db.administration.count()).toBeGreaterThan(0);
      expect(await db.shipment.count()).toBe(DEMO_SHIPMENTS.length + 20);
    } finally {
      await db.$disconnect();
    }

    const second = await dbMigrate(url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`schema up to date: all ${migrations.length} migrations were already applied`);
    expect(second.stdout).toMatch(/already seeded \(\d+ administrations, \d+ operators, \d+ shipments\)/);
  }, 120_000);

  it('an unreachable PostgreSQL: a clear error naming host, port and database, without the password; exit code 1', async () => {
    const port = await freePort();
    const result = await dbMigrate(`postgresql://customs:${secret}@127.0.0.1:${port}/customs`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`db:migrate: cannot reach PostgreSQL 127.0.0.1:${port}/customs: connection refused`);
    expect(result.stdout + result.stderr).not.toContain(secret);
  }, 60_000);

  it('SQLite in a folder that does not exist yet (a new checkout has no data/): the folder is made, the database migrated', async () => {
    const folder = join(tmpDir, `new-${randomUUID()}`, 'data');
    try {
      const result = await dbMigrate(`file:${join(folder, 'customs.db')}`);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('applied ');
      expect(existsSync(join(folder, 'customs.db'))).toBe(true);
    } finally {
      rmSync(dirname(folder), { recursive: true, force: true });
    }
  }, 120_000);

  it('an invalid DATABASE_URL: the configuration error, exit code 2', async () => {
    const result = await dbMigrate('mysql://customs@127.0.0.1/customs');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL: must start with file: .* or postgresql:\/\//);
  }, 60_000);
});
