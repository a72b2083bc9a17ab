/**
 * npm run bench [-- --quick] [-- --runs 2] [-- --scale [--sizes 10000,100000,1000000]]
 *                [-- --contenders embedded,gateway,stock,hive,direct] [-- --scenarios headline,list,registry]
 *
 * Each contender runs alone, in fresh processes, on loopback, against the same database file:
 *   embedded  our gateway with the subgraphs in-process (startStack)
 *   gateway   our gateway over the three subgraph services (four processes)
 *   stock     stock @apollo/gateway in a plain Apollo Server, default settings, over the same services
 *   hive      Hive Gateway (runtime, Hive Router query planner) over the same services and committed supergraph
 *   direct    the owning subgraph called directly (the floor; single-subgraph scenario only)
 * For each scenario and connection count: answers checked against the first contender's before any
 * load, a discarded warm-up, then a measured window; autocannon runs in a second process, picking a
 * different input per request. Recorded: rps, p50/p99, SQL statements per request (Prisma query
 * events counted in each process), peak RSS of the gateway process, CPU ms per request of the gateway
 * and of the subgraphs (/proc/<pid>/stat). Results: test/bench/results/latest.json and latest.svg.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/platform/paths.js';
import { InternalSigner, VIEWER_HEADER } from '../../src/platform/internal-token.js';
import type { Viewer } from '../../src/platform/viewer.js';
import { DEV_ISSUER, devIssuerKeys, mintDevToken } from '../../src/gateway/identity/issuers.js';
import { createDb } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { applyMigrations } from '../../src/data/migrate.js';
import { bulkSeed, progressBar } from '../../prisma/seed/bulk.js';
import { viewerFor, SUBGRAPHS } from './federation.js';
import { ALL_SCENARIOS, benchDatabase, benchEnvironment, CLIENT, inputs, type Scenario, type ScenarioInputs } from './scenarios.js';
import type { LoadRequest, LoadResult } from './load.js';
import { renderSvg } from './chart.js';
import { checkTargets, compare, targetsTable, type TargetCheck } from './targets.js';
import { asNpmStart } from './start-options.js';
import { buildServer, compiledPath, SERVER_FOLDERS } from '../../src/cli/build.js';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const quick = flag('quick');
const scale = flag('scale');
const runs = Number(option('runs') ?? 1);
const warmupSeconds = Number(option('warmup') ?? (quick ? 1 : 10));
const measureSeconds = Number(option('duration') ?? (quick ? 2 : 20));
const connectionLevels = (option('connections') ?? '1,50').split(',').map(Number);
const ALL_CONTENDERS = ['embedded', 'gateway', 'stock', 'hive', 'direct'] as const;
type Contender = (typeof ALL_CONTENDERS)[number];
const contenders = (option('contenders')?.split(',') ?? [...ALL_CONTENDERS]) as Contender[];
const scenarios = (option('scenarios')?.split(',') ?? [...ALL_SCENARIOS]) as Scenario[];
const secret = randomUUID() + randomUUID();
const dataDir = join(projectRoot, 'test', 'bench', '.data');
const resultsDir = join(projectRoot, 'test', 'bench', 'results');
const keyFile = join(dataDir, 'dev-issuer-key.json');
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- processes

interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  pid: number;
}

/**
 * V8 options for the gateway process of the production topology (ours, stock, Hive: the same for all;
 * `--gateway-v8 ''` for Node's defaults). Not for the embedded process, whose heap holds the subgraphs too.
 */
const gatewayV8 = (option('gateway-v8') ?? '--max-semi-space-size=4 --max-old-space-size=384').split(' ').filter(Boolean);
/**
 * The embedded process runs with exactly the Node.js options of `npm start` (package.json's start script). Its
 * environment defaults (glibc's allocator settings, which `npm start` also gives `--only <part>` processes) apply
 * to every process of the benchmark, ours and the other gateways alike.
 */
const embeddedStart = asNpmStart();
/**
 * Every process of the benchmark (ours, stock, Hive, the subgraph services) runs compiled JavaScript, as `npm start`
 * does (src/cli/build.ts): serve.ts and what it imports, compiled into dist/ before the first process starts.
 */
const compiledServe = compiledPath('test/bench/serve.ts');

function spawnServe(name: string, args: string[], env: Record<string, string>): Promise<Proc> {
  const embedded = args[0] === 'embedded';
  const child = fork(compiledServe, args, {
    execArgv: [
      ...(embedded ? embeddedStart.execArgv : []),
      ...(['gateway', 'stock', 'hive'].includes(args[0]) ? gatewayV8 : []),
      ...(process.env.BENCH_CPU_PROF && process.env.BENCH_CPU_PROF.split(',').includes(name)
        ? ['--cpu-prof', `--cpu-prof-dir=${join(dataDir, 'profiles')}`]
        : []),
    ],
    env: { ...process.env, ...embeddedStart.env, ...env, ...(embedded ? { NODE_OPTIONS: embeddedStart.nodeOptions } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: projectRoot,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    child.on('message', (m: { type: string; url: string; pid: number }) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve({ name, child, url: m.url, pid: m.pid });
    });
  });
}

function ask<T>(child: ChildProcess, message: object, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === 'error') {
        child.off('message', onMessage);
        reject(new Error(m.message));
      }
      if (m.type !== type) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function stopProc(p: Proc) {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.send({ type: 'stop' });
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const CLK_TCK = 100;
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime + stime (fields 14, 15)
}
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

// ---------------------------------------------------------------- one contender

interface Deployment {
  gateway: Proc;
  subgraphs: Proc[];
  /** Every process that may run SQL. */
  all: Proc[];
  headers: () => Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Production mode (NODE_ENV=production: graphql-js's fast paths, no development issuer): the dev key becomes a trusted issuer. */
function trustedIssuersFile(): string {
  const file = join(dataDir, 'trusted-issuers.json');
  const keys = JSON.parse(readFileSync(keyFile, 'utf8')) as { publicJwk: object };
  writeFileSync(file, JSON.stringify({ issuers: [{ issuer: DEV_ISSUER, administrations: [CLIENT.administration], jwks: { keys: [keys.publicJwk] } }] }));
  return file;
}

/** --quick: the HTTP contenders share one set of subgraph services (fewer process starts; a smoke test, not a measurement). */
let sharedSubgraphs: { databaseUrl: string; procs: Promise<Proc[]> } | null = null;

async function deploy(contender: Contender, databaseUrl: string): Promise<Deployment> {
  const env = benchEnvironment({ trustedIssuersFile: trustedIssuersFile(), databaseUrl, internalSecret: secret, keyFile });
  const signer = new InternalSigner(secret);
  if (contender === 'embedded') {
    const gateway = await spawnServe('embedded', ['embedded'], env);
    const token = await mintDevToken(keyFile, {
      clientId: CLIENT.id,
      administration: CLIENT.administration,
      scopes: CLIENT.scopes,
      audience: 'customs-gateway',
      expiresIn: '4h',
    });
    return { gateway, subgraphs: [], all: [gateway], headers: async () => ({ authorization: `Bearer ${token}` }), stop: () => stopProc(gateway) };
  }
  const names = contender === 'direct' ? (['registry'] as const) : SUBGRAPHS;
  const start = () => Promise.all(SUBGRAPHS.map((n) => spawnServe(n, ['subgraph', n], env)));
  const shared = quick && contender !== 'direct';
  if (shared && sharedSubgraphs?.databaseUrl !== databaseUrl) sharedSubgraphs = { databaseUrl, procs: start() };
  const subgraphs = shared
    ? await sharedSubgraphs!.procs
    : contender === 'direct'
      ? await Promise.all(names.map((n) => spawnServe(n, ['subgraph', n], env)))
      : await start();
  const urls = Object.fromEntries(names.map((n, i) => [n, subgraphs[i].url]));
  const viewer: Viewer = await viewerFor(CLIENT, urls.registry, signer);
  const signedViewer = async () => ({ [VIEWER_HEADER]: await signer.sign(viewer) });
  let gateway: Proc;
  let headers: () => Promise<Record<string, string>>;
  if (contender === 'direct') {
    gateway = subgraphs[0];
    headers = signedViewer;
  } else if (contender === 'gateway') {
    gateway = await spawnServe('gateway', ['gateway'], { ...env, REGISTRY_URL: urls.registry, OPERATORS_URL: urls.operators, SHIPMENTS_URL: urls.shipments });
    const token = await mintDevToken(keyFile, {
      clientId: CLIENT.id,
      administration: CLIENT.administration,
      scopes: CLIENT.scopes,
      audience: 'customs-gateway',
      expiresIn: '4h',
    });
    headers = async () => ({ authorization: `Bearer ${token}` });
  } else if (contender === 'stock') {
    gateway = await spawnServe('stock', ['stock'], { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(urls), BENCH_VIEWER: JSON.stringify(viewer) });
    headers = async () => ({});
  } else {
    gateway = await spawnServe('hive', ['hive'], { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(urls) });
    headers = signedViewer;
  }
  const all = contender === 'direct' ? subgraphs : [gateway, ...subgraphs];
  return {
    gateway,
    subgraphs: contender === 'direct' ? [] : subgraphs,
    all,
    headers,
    stop: async () => {
      if (contender !== 'direct') await stopProc(gateway);
      if (!shared) await Promise.all(subgraphs.map(stopProc));
    },
  };
}

async function post(url: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, json };
}

export interface Measurement {
  run: number;
  scenario: Scenario;
  connections: number;
  contender: Contender;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  sqlPerRequest: number;
  rssMb: number;
  gatewayCpuMsPerRequest: number;
  subgraphCpuMsPerRequest: number;
  /** The same, per subgraph service (HTTP topologies). */
  subgraphCpuMsPerRequestBySubgraph?: Record<string, number>;
  /** Accepted answers in the window (rps, latency and CPU per request are per accepted answer). */
  requests: number;
  /** A peer whose answers to the checked samples were not the reference's: measured all the same, and flagged. */
  answersDiffer?: { differing: number; checked: number; first: string };
  /** HTTP 503 OVERLOADED: refused at once by admission control (not failures). */
  refused: number;
  failures: number;
  /** Gateway and subgraph CPU per accepted answer, and the comparison with the best peer beside it (filled in at the end). */
  systemCpuMsPerRequest?: number;
  rpsVsBestPeer?: number | null;
  cpuVsBestPeer?: number | null;
  /** non-2xx answers other than 503 OVERLOADED, connection errors, timeouts, 2xx answers with an unexpected error. */
  failureKinds?: { non2xx: number; errors: number; timeouts: number; badBodies: number; first?: string };
}

const references = new Map<string, unknown>();
const notMeasured: { run: number; contender: Contender; scenario: Scenario; reason: string }[] = [];

const ours = (c: Contender) => c === 'embedded' || c === 'gateway';
const requestBody = (c: Contender, s: ScenarioInputs, variables: Record<string, unknown>) =>
  ours(c) && s.documentId ? { documentId: `sha256:${s.documentId}`, variables } : { query: s.query, variables };

async function measure(
  run: number,
  contender: Contender,
  d: Deployment,
  loader: ChildProcess,
  all: Partial<Record<Scenario, ScenarioInputs>>,
  out: Measurement[],
) {
  for (const scenario of scenarios) {
    const s = all[scenario];
    if (!s) continue;
    if (contender === 'direct' && !s.direct) continue;
    // The answer first: the same data as the reference (the first contender's) for every sample.
    let differing = 0;
    let firstDiffer: string | null = null;
    for (const [i, variables] of s.samples.entries()) {
      const { status, json } = await post(d.gateway.url, await d.headers(), requestBody(contender, s, variables));
      const unexpected = (json.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
      if (status !== 200 || !json.data || unexpected.length)
        throw new Error(`${contender} ${scenario}: bad answer (HTTP ${status}): ${JSON.stringify(json).slice(0, 500)}`);
      const key = `${scenario}/${i}`;
      if (!references.has(key)) references.set(key, json.data);
      else if (!isDeepStrictEqual(references.get(key), json.data)) {
        differing++;
        if (firstDiffer) continue;
        const file = join(dataDir, `differs-${contender}-${scenario}-${i}.json`);
        writeFileSync(file, JSON.stringify({ variables, reference: references.get(key), answer: json }, null, 2));
        firstDiffer = `test/bench/.data/${file.split('/').pop()}`;
      }
    }
    const answersDiffer = firstDiffer ? { differing, checked: s.samples.length, first: firstDiffer } : undefined;
    // Ours must answer alike (a difference is a defect: not measured). A peer that answers differently is measured
    // all the same and flagged: what it was asked is the same, what it answered is not (see docs/performance.md).
    if (answersDiffer && ours(contender)) {
      const reason = `answer differs from the reference on ${differing} of ${s.samples.length} samples (first: ${firstDiffer})`;
      log(`  ${scenario.padEnd(9)} ${contender.padEnd(9)} NOT MEASURED: ${reason}`);
      notMeasured.push({ run, contender, scenario, reason });
      continue;
    }
    if (answersDiffer)
      log(
        `  ${scenario.padEnd(9)} ${contender.padEnd(9)} answers differ from the reference on ${differing} of ${s.samples.length} samples (first: ${firstDiffer}): measured, flagged`,
      );
    const bodies = s.variables.map((variables) => JSON.stringify(requestBody(contender, s, variables)));
    for (const connections of connectionLevels) {
      const base = { type: 'run' as const, url: d.gateway.url, bodies, connections };
      await ask<LoadResult>(loader, { ...base, headers: await d.headers(), seconds: warmupSeconds } satisfies LoadRequest, 'result');
      const sqlBefore = await sqlCount(d);
      const cpuBefore = { gateway: cpuMs(d.gateway.pid), subgraphs: d.subgraphs.map((p) => cpuMs(p.pid)) };
      let peakRss = rssMb(d.gateway.pid);
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(d.gateway.pid))), 250);
      const r = await ask<LoadResult>(loader, { ...base, headers: await d.headers(), seconds: measureSeconds } satisfies LoadRequest, 'result');
      clearInterval(sampler);
      const gatewayCpu = cpuMs(d.gateway.pid) - cpuBefore.gateway;
      const subgraphCpus = d.subgraphs.map((p, i) => [p.name, cpuMs(p.pid) - cpuBefore.subgraphs[i]] as const);
      const subgraphCpu = subgraphCpus.reduce((sum, [, ms]) => sum + ms, 0);
      const sql = (await sqlCount(d)) - sqlBefore;
      if (process.env.BENCH_MEMORY)
        log(`    memory of ${d.gateway.name}: ${JSON.stringify((await ask<{ memory: object }>(d.gateway.child, { type: 'stats' }, 'stats')).memory)}`);
      const requests = Math.max(1, r.requests);
      const m: Measurement = {
        run,
        scenario,
        connections,
        contender,
        rps: round(r.rps, 1),
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        sqlPerRequest: round(sql / requests, 2),
        rssMb: Math.round(peakRss),
        gatewayCpuMsPerRequest: round(gatewayCpu / requests, 2),
        subgraphCpuMsPerRequest: round(subgraphCpu / requests, 2),
        ...(subgraphCpus.length ? { subgraphCpuMsPerRequestBySubgraph: Object.fromEntries(subgraphCpus.map(([n, ms]) => [n, round(ms / requests, 2)])) } : {}),
        requests: r.requests,
        ...(answersDiffer ? { answersDiffer } : {}),
        refused: r.refused,
        failures: r.non2xx + r.errors + r.timeouts + r.badBodies,
        ...(r.non2xx + r.errors + r.timeouts + r.badBodies
          ? { failureKinds: { non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, badBodies: r.badBodies, first: r.firstBad } }
          : {}),
      };
      out.push(m);
      log(
        `  ${scenario.padEnd(9)} c=${String(connections).padEnd(3)} ${contender.padEnd(9)} ${String(m.rps).padStart(8)} rps  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms  sql/req ${m.sqlPerRequest}  rss ${m.rssMb} MB  cpu/req gw ${m.gatewayCpuMsPerRequest} sg ${m.subgraphCpuMsPerRequest} ms${m.subgraphCpuMsPerRequestBySubgraph ? ` ${JSON.stringify(m.subgraphCpuMsPerRequestBySubgraph)}` : ''}${m.refused ? `  refused ${m.refused}` : ''}${m.failures ? `  FAILURES ${JSON.stringify(m.failureKinds)}` : ''}`,
      );
    }
  }
}

async function sqlCount(d: Deployment): Promise<number> {
  const counts = await Promise.all(d.all.map((p) => ask<{ sql: number }>(p.child, { type: 'stats' }, 'stats')));
  return counts.reduce((sum, c) => sum + c.sql, 0);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- databases

async function scaleDatabase(shipments: number): Promise<string> {
  const file = join(dataDir, `scale-${shipments}.db`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    const target = parseDatabaseUrl(`file:${tmp}`);
    await applyMigrations(target);
    const db = createDb(target);
    await bulkSeed(db, { shipments, provider: 'sqlite', onProgress: progressBar(`bulk seed ${shipments.toLocaleString('en')}`) });
    await db.$disconnect();
    copyFileSync(tmp, file);
    rmSync(tmp, { force: true });
  }
  return file;
}

// ---------------------------------------------------------------- report

function versions() {
  const v = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return null;
    }
  };
  return Object.fromEntries(
    [
      '@apollo/gateway',
      '@apollo/server',
      '@apollo/subgraph',
      '@graphql-hive/gateway-runtime',
      '@graphql-hive/router-runtime',
      '@prisma/client',
      'better-sqlite3',
      'undici',
      'graphql',
      'autocannon',
    ].map((n) => [n, v(n)]),
  );
}

function machine() {
  return {
    loadAverage: loadavg().map((x) => round(x, 2)),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

function table(results: Measurement[]): string {
  const lines: string[] = [];
  const keys = [...new Set(results.map((r) => `${r.scenario}|${r.connections}`))];
  for (const key of keys) {
    const [scenario, connections] = key.split('|');
    lines.push(`\n${scenario}, ${connections} connection(s)`);
    lines.push('run contender        rps   p50ms   p99ms  sql/req  rssMB  gwCPU  sgCPU  sysCPU ms/req  rps×best peer  CPU×best peer  refused  failures');
    for (const r of results.filter((x) => x.scenario === scenario && String(x.connections) === connections)) {
      const c = compare(results, r);
      lines.push(
        `${String(r.run).padEnd(4)}${r.contender.padEnd(10)}${r.rps.toFixed(0).padStart(9)}${String(r.p50Ms).padStart(8)}${String(r.p99Ms).padStart(8)}${r.sqlPerRequest.toFixed(2).padStart(9)}${String(r.rssMb).padStart(7)}` +
          `${r.gatewayCpuMsPerRequest.toFixed(2).padStart(7)}${r.subgraphCpuMsPerRequest.toFixed(2).padStart(7)}${c.systemCpuMsPerRequest.toFixed(2).padStart(15)}${String(c.rpsVsBestPeer ?? '-').padStart(15)}${String(c.cpuVsBestPeer ?? '-').padStart(15)}${String(r.refused).padStart(9)}${String(r.failures).padStart(10)}`,
      );
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  await devIssuerKeys(keyFile);
  const started = Date.now();
  await buildServer([...SERVER_FOLDERS, 'test/bench']);
  const loader = fork(join(projectRoot, 'test', 'bench', 'load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((r) => loader.once('message', r));
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const report: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    command,
    machine: machine(),
    packages: versions(),
    settings: { warmupSeconds, measureSeconds, connections: connectionLevels, client: CLIENT.id, gatewayV8, embeddedNodeOptions: embeddedStart },
    dedup: {
      hive: 'Hive Gateway deduplicates identical in-flight subgraph requests by default; every scenario varies its input per request',
      stock: '@apollo/gateway does not deduplicate POSTed subgraph requests',
      gateway: 'ours: no deduplication',
    },
  };
  try {
    if (scale) {
      const sizes = (option('sizes') ?? '10000,100000').split(',').map(Number);
      const results: Record<string, unknown>[] = [];
      for (const size of sizes) {
        const file = await scaleDatabase(size);
        const s = inputs(file).headline;
        const d = await deploy('gateway', `file:${file}`);
        try {
          const out: Measurement[] = [];
          log(`scale: ${size.toLocaleString('en')} shipments`);
          await measure(1, 'gateway', d, loader, { headline: s }, out);
          for (const m of out) results.push({ shipments: size, ...m });
        } finally {
          await d.stop();
          references.clear(); // the samples differ per database
        }
      }
      report.scale = results;
      writeFileSync(join(resultsDir, 'scale.json'), `${JSON.stringify(report, null, 2)}\n`);
      log(`\nwrote test/bench/results/scale.json in ${Math.round((Date.now() - started) / 1000)} s`);
      return;
    }
    const file = await benchDatabase();
    const dataset = new Database(file, { readonly: true });
    report.dataset = {
      shipments: (dataset.prepare('SELECT count(*) AS n FROM "Shipment"').get() as { n: number }).n,
      operators: (dataset.prepare('SELECT count(*) AS n FROM "Operator"').get() as { n: number }).n,
    };
    dataset.close();
    const all = inputs(file);
    const results: Measurement[] = [];
    const orders: Contender[][] = [];
    for (let run = 1; run <= runs; run++) {
      const order = run % 2 === 1 ? [...contenders] : [...contenders].reverse();
      orders.push(order);
      for (const contender of order) {
        log(`run ${run}: ${contender}`);
        // Each contender on its own copy of the database, in fresh processes.
        const copy = join(dataDir, quick ? `run-${process.pid}-quick.db` : `run-${process.pid}-${contender}.db`);
        if (!existsSync(copy)) copyFileSync(file, copy);
        const d = await deploy(contender, `file:${copy}`);
        try {
          await measure(run, contender, d, loader, all, results);
        } finally {
          await d.stop();
          if (!quick) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(copy + suffix, { force: true });
        }
      }
    }
    if (sharedSubgraphs) await Promise.all((await sharedSubgraphs.procs).map(stopProc));
    if (quick) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(join(dataDir, `run-${process.pid}-quick.db`) + suffix, { force: true });
    report.orders = orders;
    report.machineAtEnd = machine();
    report.results = results.map((m) => ({ ...m, ...compare(results, m) }));
    report.notMeasured = notMeasured;
    const scaleFile = join(resultsDir, 'scale.json');
    const scaleResults = existsSync(scaleFile) ? (JSON.parse(readFileSync(scaleFile, 'utf8')) as { scale: (Measurement & { shipments: number })[] }).scale : [];
    report.targets = checkTargets(results, scaleResults);
    report.elapsedSeconds = Math.round((Date.now() - started) / 1000);
    const text = table(results);
    process.stdout.write(`${text}\n\n${targetsTable(report.targets as TargetCheck[])}\n`);
    writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'latest.svg'), renderSvg(results, `${command} — ${machine().cpus} CPUs, Node ${process.version}`));
    log(`\nwrote test/bench/results/latest.json and latest.svg in ${String(report.elapsedSeconds)} s`);
  } finally {
    loader.kill();
  }
}

await main();
process.exit(0);
