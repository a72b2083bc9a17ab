/**
 * One benchmark process (compiled into dist/ and started by test/bench/run.ts with `node`, an IPC channel open):
 *   subgraph <registry|operators|shipments>   a subgraph service (startSubgraphService)
 *   embedded                                  our gateway with the subgraphs in-process (startStack)
 *   gateway                                   our gateway over the subgraph services (startGatewayService)
 *   stock                                     stock @apollo/gateway in a plain Apollo Server
 *   hive                                      Hive Gateway (runtime, Hive Router planner)
 * Configuration from the environment (src/config.ts, plus BENCH_* for the others). Counts the SQL
 * statements it sends (Prisma query events) and answers `{ type: 'stats' }` with them over IPC.
 */
import { loadConfig } from '../../src/config.js';
import { startGatewayService, startStack, startSubgraphService } from '../../src/stack.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Viewer } from '../../src/platform/viewer.js';
import { startHiveGateway, startStockApolloGateway, supergraphWithUrls } from './federation.js';

let sql = 0;
const onQuery = () => {
  sql++;
};
const [role, name] = process.argv.slice(2);
const logger = createLogger('error');

async function start(): Promise<{ url: string; stop(): Promise<unknown> }> {
  const env = process.env;
  switch (role) {
    case 'subgraph': {
      const s = await startSubgraphService(loadConfig(env, name as 'registry'), name as 'registry', { onQuery, logger });
      return { url: `${s.url}/graphql`, stop: () => s.stop() };
    }
    case 'embedded': {
      const s = await startStack(loadConfig(env), { onQuery, logger });
      return { url: s.graphqlUrl, stop: () => s.stop() };
    }
    case 'gateway': {
      const s = await startGatewayService(loadConfig(env, 'gateway'), { onQuery, logger });
      return { url: s.graphqlUrl, stop: () => s.stop() };
    }
    case 'stock': {
      const urls = JSON.parse(env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;
      const s = await startStockApolloGateway(supergraphWithUrls(urls), env.INTERNAL_SECRET!, JSON.parse(env.BENCH_VIEWER!) as Viewer);
      return { url: s.graphqlUrl, stop: () => s.stop() };
    }
    case 'hive': {
      const urls = JSON.parse(env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;
      const s = await startHiveGateway(supergraphWithUrls(urls), { planner: (env.BENCH_HIVE_PLANNER as 'router') ?? 'router' });
      return { url: s.graphqlUrl, stop: () => s.close() };
    }
    default:
      throw new Error(`unknown role ${role}`);
  }
}

const running = await start();
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const m = process.memoryUsage();
    process.send!({
      type: 'stats',
      sql,
      memory: {
        rssMb: Math.round(m.rss / 2 ** 20),
        heapUsedMb: Math.round(m.heapUsed / 2 ** 20),
        heapTotalMb: Math.round(m.heapTotal / 2 ** 20),
        externalMb: Math.round(m.external / 2 ** 20),
        arrayBuffersMb: Math.round(m.arrayBuffers / 2 ** 20),
      },
    });
  }
  if (message.type === 'stop') void running.stop().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', url: running.url, pid: process.pid });
