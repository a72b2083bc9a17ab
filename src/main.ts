/**
 * CLI entry: `npm start` serves the gateway with every subgraph in this process, on the embedded
 * database (migrated and seeded on first start) unless DATABASE_URL says otherwise.
 */
import { ConfigError, loadConfig } from './config.js';
import { CompositionError } from './gateway/compose.js';
import { createLogger } from './shared/logger.js';
import { startStack } from './stack.js';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stack = await startStack(config, { logger });
  process.stdout.write(`customs-gateway listening on ${stack.graphqlUrl}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CompositionError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`customs-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
