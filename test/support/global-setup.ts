/**
 * Builds one migrated and seeded template database for the whole run; each test file copies it
 * (tests/support/stack.ts), so files run concurrently on their own data without re-seeding.
 * TEST_DATABASE=postgresql: a PostgreSQL template database as well (test/support/database.ts).
 * Also compiles the server into dist/ as `npm start` does, for the tests that start it as a process (test/support/processes.ts).
 */
import type { TestProject } from 'vitest/node';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, parseDatabaseUrl } from '../../src/config.js';
import { createTemplates } from './database.js';
import { createLogger } from '../../src/platform/logger.js';
import { testSeed, tmpDir, templateDbPath, devIssuerKeyFile } from './paths.js';
import { devIssuerKeys } from '../../src/gateway/identity/issuers.js';
import { buildServer } from '../../src/cli/build.js';

interface SharedSetup {
  ready: Promise<{ provided: [key: 'postgresTemplate', value: string][]; teardown: () => Promise<void> }>;
  users: number;
}
/** The integration and system projects both declare this setup; the templates are built once per run and shared. */
const SHARED = Symbol.for('customs-gateway.test.global-setup');
const shared = globalThis as { [SHARED]?: SharedSetup };

async function build() {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const config = { ...loadConfig({}), database: parseDatabaseUrl(`file:${templateDbPath}`), seed: testSeed };
  const provided: [key: 'postgresTemplate', value: string][] = [];
  const dropTemplates = await createTemplates(config, createLogger('warn'), (key, value) => provided.push([key, value]));
  await devIssuerKeys(devIssuerKeyFile); // one key for every test file
  await buildServer();
  return {
    provided,
    teardown: async () => {
      await dropTemplates();
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const state = (shared[SHARED] ??= { ready: build(), users: 0 });
  state.users++;
  const { provided, teardown } = await state.ready;
  for (const [key, value] of provided) project.provide(key, value);
  return async () => {
    if (--state.users > 0) return;
    delete shared[SHARED];
    await teardown();
  };
}

export { join };
