/**
 * npm run bench:profile -- [--scenario list|headline|registry] [--requests 200] [--warmup 50] [--out file.cpuprofile]
 *
 * One scenario of the benchmark against the embedded stack in this process, requests one after another over
 * loopback HTTP, with V8's CPU profiler on only for the measured requests (start-up and warm-up excluded).
 * Prints CPU ms per request (process.cpuUsage) and the top self-time functions and packages; writes the
 * profile for Chrome DevTools. For finding where a request's CPU goes, not for figures (use `npm run bench`).
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { startStack } from '../../src/stack.js';
import { createLogger } from '../../src/platform/logger.js';
import { projectRoot } from '../../src/platform/paths.js';
import { devIssuerKeys, mintDevToken, DEV_ISSUER } from '../../src/gateway/identity/issuers.js';
import { benchDatabase, benchEnvironment, CLIENT, inputs, type Scenario } from './scenarios.js';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const scenario = (option('scenario') ?? 'list') as Scenario;
const requests = Number(option('requests') ?? 200);
const warmup = Number(option('warmup') ?? 50);
const dataDir = join(projectRoot, 'test', 'bench', '.data');
mkdirSync(join(dataDir, 'profiles'), { recursive: true });
const out = option('out') ?? join(dataDir, 'profiles', `embedded-${scenario}.cpuprofile`);

const file = await benchDatabase();
const copy = join(dataDir, `profile-${process.pid}.db`);
if (!existsSync(copy)) copyFileSync(file, copy);
const keyFile = join(dataDir, 'dev-issuer-key.json');
await devIssuerKeys(keyFile);
const keys = (await import(keyFile, { with: { type: 'json' } })) as { default: { publicJwk: object } };
const issuers = join(dataDir, 'trusted-issuers.json');
writeFileSync(
  issuers,
  JSON.stringify({ issuers: [{ issuer: DEV_ISSUER, administrations: [CLIENT.administration], jwks: { keys: [keys.default.publicJwk] } }] }),
);
const env = { ...process.env, ...benchEnvironment({ trustedIssuersFile: issuers, databaseUrl: `file:${copy}`, internalSecret: randomUUID() + randomUUID() }) };
let sql = 0;
const stack = await startStack(loadConfig(env), { onQuery: () => sql++, logger: createLogger('error') });
const token = await mintDevToken(keyFile, {
  clientId: CLIENT.id,
  administration: CLIENT.administration,
  scopes: CLIENT.scopes,
  audience: 'customs-gateway',
  expiresIn: '1h',
});
const s = inputs(file)[scenario];
const body = (i: number) =>
  JSON.stringify(
    s.documentId
      ? { documentId: `sha256:${s.documentId}`, variables: s.variables[i % s.variables.length] }
      : { query: s.query, variables: s.variables[i % s.variables.length] },
  );
const errorCodes = new Map<string, number>();
const ask = async (i: number) => {
  const res = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body(i),
  });
  const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
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
const sqlBefore = sql;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < requests; i++) await ask(warmup + i);
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const { profile } = await session.post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
await stack.stop();
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(copy + suffix, { force: true });

const perRequest = (cpu.user + cpu.system) / 1000 / requests;
process.stdout.write(
  `${scenario}: ${requests} requests, ${(elapsed / requests).toFixed(2)} ms wall, ${perRequest.toFixed(2)} ms CPU (process, incl. the client) and ${((sql - sqlBefore) / requests).toFixed(2)} SQL statements per request; errors per answer: ${JSON.stringify(Object.fromEntries([...errorCodes].map(([c, n]) => [c, n / requests])))}\nprofile: ${out}\n`,
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
