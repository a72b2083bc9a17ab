import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Three projects, by what their tests need (`npm run test:unit`, `test:integration`, `test:system`):
 * - unit: pure rules, no database, no global setup;
 * - integration: the gateway over HTTP on port 0 against a real database (a copy of the run's template);
 * - system: several processes, PostgreSQL, Redis, Chromium (each test says what it needs when it is missing).
 * `npm test` runs them all on SQLite, then on PostgreSQL (TEST_DATABASE=postgresql).
 */
export default defineConfig({
  // Node resolves `graphql` to its CommonJS build (as @apollo/gateway does); Vite would pick the
  // .mjs build and load a second copy ("Cannot use GraphQLScalarType from another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] } },
      { extends: true, test: { name: 'system', include: ['test/system/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] } },
    ],
  },
});
