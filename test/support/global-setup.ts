/**
 * Builds one migrated and seeded template database for the whole run; each test file copies it
 * (tests/support/stack.ts), so files run concurrently on their own data without re-seeding.
 * TEST_DATABASE=postgresql: a PostgreSQL template database as well (test/support/database.ts).
 */
import type { TestProject } from 'vitest/node';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, parseDatabaseUrl } from '../../src/config.js';
import { createTemplates } from './database.js';
import { createLogger } from '../../src/platform/logger.js';
import { testSeed, tmpDir, templateDbPath, devIssuerKeyFile } from './paths.js';
import { devIssuerKeys } from '../../src/gateway/identity/issuers.js';

export default async function setup(project: TestProject) {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const config = { ...loadConfig({}), database: parseDatabaseUrl(`file:${templateDbPath}`), seed: testSeed };
  const dropTemplates = await createTemplates(config, createLogger('warn'), (key, value) => project.provide(key, value));
  await devIssuerKeys(devIssuerKeyFile); // one key for every test file
  return async () => {
    await dropTemplates();
    rmSync(tmpDir, { recursive: true, force: true });
  };
}

export { join };
