/**
 * npm run bench:fetches -- [--scenario list|headline|registry] [--inputs 0,1,2] [--repeat 200]
 *
 * What one request asks of each subgraph, against the embedded stack in this process: for each of the scenario's
 * inputs named (indexes into the harness's inputs; 0 is the first), every fetch of the query plan with the entity
 * representations the gateway asked for, how many of them were distinct (what the subgraph was sent: see
 * src/gateway/distinct-representations.ts), the sizes of the variables and of the answer as JSON, and the CPU the
 * subgraph spends on that fetch (the same call replayed `repeat` times, process.cpuUsage). Then the CPU of the whole
 * request, client included, so that what is not a subgraph's shows as the difference. Where the gateway asked for an
 * entity more than once, the fetch is also replayed as the gateway asked for it (repeats included), call for call
 * alternately with the fetch as sent. A counter, not a benchmark:
 * figures go through `npm run bench`.
 */
import type { GatewayGraphQLRequest } from '@apollo/server-gateway-interface';
import { InProcessDataSource } from '../../src/gateway/datasources.js';
import { startInProcess } from './in-process.js';
import type { Scenario } from './scenarios.js';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const scenario = (option('scenario') ?? 'list') as Scenario;
const indexes = (option('inputs') ?? '0,1,2').split(',').map(Number);
const repeat = Number(option('repeat') ?? 200);

interface Fetch {
  source: InProcessDataSource;
  subgraph: string;
  /** The request as the gateway made it (every representation, repeats included). */
  asked: GatewayGraphQLRequest;
  args: [GatewayGraphQLRequest, string, string | undefined];
  /** The answer's size as JSON when the subgraph gave it (the gateway then merges other fetches into it). */
  answerBytes: number;
}
const representations = (request: GatewayGraphQLRequest) => {
  const r: unknown = request.variables?.representations;
  return Array.isArray(r) ? r.length : 0;
};
let recording: Fetch[] | null = null;
// The data source's own methods, wrapped to record and called again to replay.
// eslint-disable-next-line @typescript-eslint/unbound-method
const process_ = InProcessDataSource.prototype.process;
// eslint-disable-next-line @typescript-eslint/unbound-method
const call = InProcessDataSource.prototype.call;
/**
 * The gateway's request of the `process` under way: `process` calls `call` before it awaits anything, so `call` takes
 * it at once, and parallel fetches (the registry's two) are each paired with their own.
 */
let processing: GatewayGraphQLRequest | undefined;
InProcessDataSource.prototype.process = function (this: InProcessDataSource, options) {
  processing = options.request;
  try {
    return process_.call(this, options);
  } finally {
    processing = undefined;
  }
};
InProcessDataSource.prototype.call = async function (this: InProcessDataSource, request, internalToken, idempotencyKey) {
  const asked = processing ?? request;
  processing = undefined;
  const answer = await call.call(this, request, internalToken, idempotencyKey);
  if (recording) {
    const subgraph = (this as unknown as { subgraph: { name: string } }).subgraph.name;
    recording.push({
      source: this,
      subgraph,
      asked,
      args: [request, internalToken, idempotencyKey],
      answerBytes: JSON.stringify(answer).length,
    });
  }
  return answer;
};

const cpuPerCall = async (run: () => Promise<unknown>) => {
  const before = process.cpuUsage();
  for (let i = 0; i < repeat; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / repeat;
};

/** CPU ms per call of `a` and of `b`, called alternately `repeat` times each (a noisy machine drifts; alternation shares the drift). */
const cpuPerCallPaired = async (a: () => Promise<unknown>, b: () => Promise<unknown>) => {
  const spent = [0, 0];
  for (let i = 0; i < repeat; i++) {
    for (const [k, run] of [a, b].entries()) {
      const before = process.cpuUsage();
      await run();
      const used = process.cpuUsage(before);
      spent[k] += used.user + used.system;
    }
  }
  return spent.map((us) => us / 1000 / repeat);
};

const bench = await startInProcess(scenario);
for (let i = 0; i < 50; i++) await bench.ask(i);
for (const index of indexes) {
  recording = [];
  const answer = JSON.stringify(await bench.ask(index));
  const fetches = recording;
  recording = null;
  const whole = await cpuPerCall(() => bench.ask(index));
  process.stdout.write(`\n${scenario} input ${index}: answer ${answer.length} bytes, ${whole.toFixed(2)} ms CPU per request (whole stack, client included)\n`);
  let subgraphs = 0;
  for (const f of fetches) {
    const sent = representations(f.args[0]);
    const all = representations(f.asked);
    const replay = () => call.apply(f.source, f.args);
    // Where the gateway asked for an entity more than once: also the request as it made it (repeats included), alternately.
    const [ms, withRepeats] =
      all > sent ? await cpuPerCallPaired(replay, () => call.apply(f.source, [f.asked, f.args[1], f.args[2]])) : [await cpuPerCall(replay)];
    subgraphs += ms;
    process.stdout.write(
      `  ${f.subgraph.padEnd(10)} ${all ? `representations ${String(all).padStart(3)} asked, ${String(sent).padStart(3)} sent` : 'root fetch                     '}` +
        `  variables ${String(JSON.stringify(f.args[0].variables ?? {}).length).padStart(6)} B  answer ${String(f.answerBytes).padStart(6)} B  ${ms.toFixed(2)} ms CPU` +
        `${withRepeats === undefined ? '' : ` (${withRepeats.toFixed(2)} ms with the repeats)`}\n`,
    );
  }
  process.stdout.write(`  subgraphs together ${subgraphs.toFixed(2)} ms; the rest (gateway, HTTP, client) ${(whole - subgraphs).toFixed(2)} ms\n`);
}
await bench.stop();
process.exit(0);
