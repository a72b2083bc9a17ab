/**
 * Markdown tables for the README from a results file:
 *   npx tsx test/bench/report.ts [test/bench/results/latest.json] [test/bench/results/scale.json]
 * Each cell gives run 1 / run 2 (the second run takes the contenders in reverse order).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Measurement } from './run.js';
import { checkTargets, compare, targetsTable } from './targets.js';

const [file = 'test/bench/results/latest.json', scaleFile = 'test/bench/results/scale.json'] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8')) as {
  results: Measurement[];
  command: string;
  machine: Record<string, unknown>;
  machineAtEnd?: Record<string, unknown>;
};
const results = report.results;
const runs = [...new Set(results.map((r) => r.run))].sort();
const contenders = [...new Set(results.map((r) => r.contender))];
const groups = [...new Set(results.map((r) => `${r.scenario}|${r.connections}`))];
const pick = (g: string, c: string, run: number) => results.find((r) => `${r.scenario}|${r.connections}` === g && r.contender === c && r.run === run);
const cell = (g: string, c: string, f: (m: Measurement) => string) => runs.map((run) => (pick(g, c, run) ? f(pick(g, c, run)!) : '-')).join(' / ');
const ratio = (g: string, c: string, base: string) =>
  runs
    .map((run) => {
      const a = pick(g, c, run),
        b = pick(g, base, run);
      return a && b ? (a.rps / b.rps).toFixed(2) : '-';
    })
    .join(' / ');

const lines: string[] = [];
lines.push(
  `\`${report.command}\`; machine: ${JSON.stringify(report.machine)}${report.machineAtEnd ? `; load average at the end: ${JSON.stringify((report.machineAtEnd as { loadAverage?: unknown }).loadAverage)}` : ''}`,
);
lines.push('');
lines.push(
  '| scenario | conn. | contender | rps | × stock | × Hive | × best peer | p50 ms | p99 ms | SQL/req | gateway RSS MB | gateway CPU ms/req | subgraphs CPU ms/req | system CPU ms/req | peer CPU ÷ ours | refused | failed |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const g of groups) {
  const [scenario, connections] = g.split('|');
  for (const c of contenders) {
    if (!runs.some((run) => pick(g, c, run))) continue;
    const differs = runs.map((run) => pick(g, c, run)?.answersDiffer).find(Boolean);
    const label = differs ? `${c} (answers differ on ${differs.differing} of ${differs.checked} samples)` : c;
    lines.push(
      `| ${scenario} | ${connections} | ${label} | ${cell(g, c, (m) => m.rps.toFixed(0))} | ${ratio(g, c, 'stock')} | ${ratio(g, c, 'hive')} | ${cell(g, c, (m) => String(compare(results, m).rpsVsBestPeer ?? '-'))} | ${cell(g, c, (m) => String(m.p50Ms))} | ${cell(g, c, (m) => String(m.p99Ms))} | ` +
        `${cell(g, c, (m) => m.sqlPerRequest.toFixed(1))} | ${cell(g, c, (m) => String(m.rssMb))} | ${cell(g, c, (m) => m.gatewayCpuMsPerRequest.toFixed(2))} | ${cell(g, c, (m) => m.subgraphCpuMsPerRequest.toFixed(2))} | ${cell(g, c, (m) => compare(results, m).systemCpuMsPerRequest.toFixed(2))} | ${cell(g, c, (m) => String(compare(results, m).cpuVsBestPeer ?? '-'))} | ${cell(g, c, (m) => String(m.refused ?? 0))} | ${cell(g, c, (m) => String(m.failures))} |`,
    );
  }
}
if (existsSync(scaleFile)) {
  const scale = JSON.parse(readFileSync(scaleFile, 'utf8')) as { scale: (Measurement & { shipments: number })[]; command: string };
  lines.push('');
  lines.push(`\`${scale.command}\` (our gateway over the subgraph services, headline query, a different visible reference per request, in a fixed order)`);
  lines.push('');
  lines.push('| shipments | conn. | rps | p50 ms | p99 ms | SQL/req | gateway CPU ms/req | subgraphs CPU ms/req |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const m of scale.scale) {
    lines.push(
      `| ${m.shipments.toLocaleString('en')} | ${m.connections} | ${m.rps.toFixed(0)} | ${m.p50Ms} | ${m.p99Ms} | ${m.sqlPerRequest.toFixed(1)} | ${m.gatewayCpuMsPerRequest.toFixed(2)} | ${m.subgraphCpuMsPerRequest.toFixed(2)} |`,
    );
  }
}
const scale = existsSync(scaleFile) ? (JSON.parse(readFileSync(scaleFile, 'utf8')) as { scale: (Measurement & { shipments: number })[] }).scale : [];
lines.push('');
lines.push('Targets (at 50 connections, each run on its own):');
lines.push('');
lines.push(targetsTable(checkTargets(results, scale)));
process.stdout.write(`${lines.join('\n')}\n`);
