/**
 * Builds one migrated and seeded template database for the whole run; each test file copies it
 * (tests/support/stack.ts), so files run concurrently on their own data without re-seeding.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createDb } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { prepareDatabase } from '../../src/stack.js';
import { createLogger } from '../../src/shared/logger.js';
import { testSeed, tmpDir, templateDbPath, devIssuerKeyFile } from './paths.js';
import { devIssuerKeys } from '../../src/gateway/identity/issuers.js';

export default async function setup() {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const config = { ...loadConfig({}), databaseUrl: `file:${templateDbPath}`, seed: testSeed };
  const db = createDb(parseDatabaseUrl(config.databaseUrl));
  await prepareDatabase(config, createLogger('warn'), db);
  await db.$disconnect();
  await devIssuerKeys(devIssuerKeyFile); // one key for every test file
  return () => rmSync(tmpDir, { recursive: true, force: true });
}

export { join };
