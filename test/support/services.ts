/**
 * Machine services some tests need (PostgreSQL, Redis, Chromium). When one is missing, the test file
 * says which, where it was looked for and how to start or install it. In CI (CI=true) that is a
 * failure; locally the file's tests are skipped with that message.
 */
import { beforeEach } from 'vitest';

export const inCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

/** Runs the probe; undefined when the service answers, else the message (thrown in CI, printed and returned locally). */
export async function missingService(what: string, probe: () => Promise<unknown>, howTo: string): Promise<string | undefined> {
  try {
    await probe();
    return undefined;
  } catch (error) {
    const message = `${what} is not available (${error instanceof Error ? error.message : String(error)}). ${howTo}`;
    if (inCi) throw new Error(`${message} [CI=true: a missing service fails the run]`);
    process.stderr.write(`skipping: ${message}\n`);
    return message;
  }
}

/** Skips every test of the file (with the message) when missing() says a service is missing. */
export function skipWhenMissing(missing: () => string | undefined): void {
  beforeEach((context) => {
    const message = missing();
    if (message) context.skip(message);
  });
}

export const howToStartRedis =
  'Start it (redis-server --daemonize yes --port 6379 --save "" --appendonly no), or point TEST_REDIS_URL at one; .ci/run starts it when down.';
export const howToStartPostgres =
  'Start it (pg_ctlcluster <version> main start), or point TEST_POSTGRES_URL at one; .ci/run starts it when down. The embedded suite alone: npm run test:sqlite.';
export const howToInstallChromium = 'Install it (apt-get install -y chromium), or point CHROMIUM_PATH at a Chromium binary; .ci/run installs it when absent.';
