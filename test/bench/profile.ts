/**
 * npm run bench:profile -- [--scenario list|headline|registry] [--requests 200] [--warmup 50] [--out file.cpuprofile]
 *
 * One scenario of the benchmark against the embedded stack in this process, requests one after another over
 * loopback HTTP, with V8's CPU profiler on only for the measured requests (start-up and warm-up excluded).
 * Prints CPU ms per request (process.cpuUsage) and the top self-time functions and packages; writes the
 * profile for Chrome DevTools. For finding where a request's CPU goes, not for figures (use `npm run bench`).
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';
import { startInProcess } from './in-process.js';
import type { Scenario } from './scenarios.js';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const scenario = (option('scenario') ?? 'list') as Scenario;
const requests = Number(option('requests') ?? 200);
const warmup = Number(option('warmup') ?? 50);
const profiles = join(projectRoot, 'test', 'bench', '.data', 'profiles');
mkdirSync(profiles, { recursive: true });
const out = option('out') ?? join(profiles, `embedded-${scenario}.cpuprofile`);

const bench = await startInProcess(scenario);
const errorCodes = new Map<string, number>();
const ask = async (i: number) => {
  const json = (await bench.ask(i)) as { errors?: { extensions?: { code?: string } }[] };
  for (const e of json.errors ?? []) errorCodes.set(e.extensions?.code ?? '?', (errorCodes.get(e.extensions?.code ?? '?') ?? 0) + 1);
  return json;
};
for (let i = 0; i < warmup; i++) await ask(i);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
errorCodes.clear();
const sqlBefore = bench.sql();
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < requests; i++) await ask(warmup + i);
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const { profile } = await session.post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
await bench.stop();

const perRequest = (cpu.user + cpu.system) / 1000 / requests;
process.stdout.write(
  `${scenario}: ${requests} requests, ${(elapsed / requests).toFixed(2)} ms wall, ${perRequest.toFixed(2)} ms CPU (process, incl. the client) and ${((bench.sql() - sqlBefore) / requests).toFixed(2)} SQL statements per request; errors per answer: ${JSON.stringify(Object.fromEntries([...errorCodes].map(([c, n]) => [c, n / requests])))}\nprofile: ${out}\n`,
);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const packages = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples!.length; i++) {
  const node = byId.get(profile.samples![i])!;
  const t = profile.timeDeltas![i] / 1000;
  total += t;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/.*node_modules\//, '').replace(`file://${projectRoot}/`, '');
  self.set(`${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`, (self.get(`${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`) ?? 0) + t);
  const pkg =
    /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.includes('/src/')
      ? url
          .replace(/.*\/src\//, 'src/')
          .split('/')
          .slice(0, 3)
          .join('/')
      : url || functionName);
  packages.set(pkg, (packages.get(pkg) ?? 0) + t);
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => `${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
process.stdout.write(`\nself time by package\n${top(packages, 25)}\n\nself time by function\n${top(self, Number(option('top') ?? 40))}\n`);
process.exit(0);
