import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

/**
 * One folder per test run (keyed by the Vitest main process: global setup runs in it, test files in
 * its forked workers), so concurrent runs on one machine never share or delete each other's files.
 */
const runId = process.env.CUSTOMS_TEST_RUN ?? String(process.env.VITEST_WORKER_ID ? process.ppid : process.pid);
export const tmpDir = join(projectRoot, 'test', '.tmp', `run-${runId}`);
export const templateDbPath = join(tmpDir, 'template.db');
export const devIssuerKeyFile = join(tmpDir, 'dev-issuer-key.json');
/** A small synthetic population keeps the suite fast; the demo records are always seeded. */
export const testSeed = { operators: 150, shipments: 1500 };
