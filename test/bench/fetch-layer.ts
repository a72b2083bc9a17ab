/**
 * npx tsx test/bench/fetch-layer.ts [--sizes 2000,40000] [--calls 5000] [--parallel 1,8] [--rounds 3]
 *
 * The gateway's HTTP client for subgraph calls, alone: the CPU this process spends per call on a subgraph answer of
 * each size, through `RemoteSubgraphSource.call` (undici's dispatcher with a handler that collects the chunks: the
 * gateway's way since the sixth session) and through `undici.request` with `response.body.text()` and
 * `AbortSignal.timeout` per call (the way before), alternately, round after round, so that the machine's drift hits
 * both alike. The subgraph is a plain node:http server in a child process answering the same JSON to every call. A
 * counter for one layer, not a benchmark of the gateway: figures go through `npm run bench`.
 */
import { createServer } from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { RemoteSubgraphSource, defaultResilience } from '../../src/gateway/remote.js';
import { createLogger } from '../../src/platform/logger.js';
import { VIEWER_HEADER } from '../../src/platform/internal-token.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1];
};

if (argv[0] === 'serve') {
  const answer = JSON.stringify({ data: { _entities: [{ name: 'x'.repeat(Math.max(0, Number(argv[1]) - 40)) }] } });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(answer));
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
} else {
  const sizes = option('sizes', '2000,40000').split(',').map(Number);
  const calls = Number(option('calls', '5000'));
  const parallels = option('parallel', '1,8').split(',').map(Number);
  const rounds = Number(option('rounds', '3'));
  const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { name } } }';
  const variables = { representations: [{ __typename: 'Operator', id: 'OP-1' }] };
  const token = 'a'.repeat(200);

  for (const size of sizes) {
    const child = fork(fileURLToPath(import.meta.url), ['serve', String(size)], { execArgv: process.execArgv });
    const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
    const url = `http://127.0.0.1:${port}/graphql`;
    const remote = new RemoteSubgraphSource('operators', url, { ...defaultResilience, timeoutMs: 5_000 }, createLogger('silent'));
    // The previous send: undici.request, the body read as a stream, an AbortSignal per call.
    const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, pipelining: 1 });
    const before = async () => {
      const body = JSON.stringify({ query, variables });
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', [VIEWER_HEADER]: token },
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(5_000),
        headersTimeout: 5_000,
        bodyTimeout: 5_000,
      });
      return JSON.parse(await response.body.text()) as unknown;
    };
    const now = () => remote.call({ query, variables }, token);
    const cpuPerCall = async (call: () => Promise<unknown>, parallel: number, n: number) => {
      const start = process.cpuUsage();
      for (let i = 0; i < n; i += parallel) await Promise.all(Array.from({ length: parallel }, call));
      const used = process.cpuUsage(start);
      return (used.user + used.system) / n;
    };
    for (const parallel of parallels) {
      await cpuPerCall(before, parallel, 1_000);
      await cpuPerCall(now, parallel, 1_000);
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < rounds; r++) {
        a.push(await cpuPerCall(before, parallel, calls));
        b.push(await cpuPerCall(now, parallel, calls));
      }
      const show = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
      console.log(
        `answer ${size} B, ${parallel} in parallel: µs of CPU per call, request + body.text() + AbortSignal ${show(a)}; RemoteSubgraphSource.call ${show(b)}`,
      );
    }
    child.kill();
    await Promise.all([remote.close(), agent.close()]);
  }
}
