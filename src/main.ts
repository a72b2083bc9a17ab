/**
 * CLI entry.
 *   npm start                          everything in one process (the embedded default)
 *   npm start -- --only <part>         one part of the production topology: gateway, registry, operators or shipments
 * Configuration comes from the environment (src/config.ts); every problem is reported at once. `npm start` runs
 * this file with V8 heap options for the embedded process (package.json's start script; NODE_OPTIONS overrides
 * them: docs/configuration.md, "Node.js options of npm start").
 */
import { ConfigError, loadConfig, roles, type Role } from './config.js';
import { CompositionError } from './gateway/compose.js';
import { createLogger } from './platform/logger.js';
import { startGatewayService, startStack, startSubgraphService } from './stack.js';
import { seeder } from '../prisma/seed/seed.js';

function parseRole(argv: string[]): Role {
  const i = argv.indexOf('--only');
  if (i === -1) {
    if (argv.length)
      throw new ConfigError([`unknown arguments: ${argv.join(' ')} (usage: npm start [-- --only <${roles.filter((r) => r !== 'all').join('|')}>])`]);
    return 'all';
  }
  const role = argv[i + 1] as Role | undefined;
  if (!role || role === 'all' || !roles.includes(role)) {
    throw new ConfigError([`--only needs one of ${roles.filter((r) => r !== 'all').join(', ')}`]);
  }
  return role;
}

async function main() {
  const role = parseRole(process.argv.slice(2));
  const config = loadConfig(undefined, role);
  const logger = createLogger(config.logLevel);
  const running =
    role === 'all'
      ? await startStack(config, { logger, seeder }) // the entry point passes the seeder: a new embedded database is migrated and seeded
      : role === 'gateway'
        ? await startGatewayService(config, { logger })
        : await startSubgraphService(config, role, { logger });
  process.stdout.write(`customs-gateway ${role === 'all' ? '' : `(${role}) `}listening on ${running.url}/graphql\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: readiness now 503, finishing in-flight requests', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
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
