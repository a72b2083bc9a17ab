/**
 * The comparisons the performance issue asks for, from a run's measurements: whole-system CPU per request,
 * the ratio to the best peer (stock @apollo/gateway or Hive Gateway) in each scenario, and which targets hold.
 * Used by run.ts (stored in the results JSON, printed) and report.ts (the tables of docs/performance.md).
 */
import type { Measurement } from './run.js';

const PEERS = ['stock', 'hive'] as const;
const OURS = ['embedded', 'gateway'] as const;

/** Gateway and subgraph processes together, per accepted answer. */
export const systemCpu = (m: Measurement) => m.gatewayCpuMsPerRequest + m.subgraphCpuMsPerRequest;

const same = (results: Measurement[], m: Measurement, contender: string) =>
  results.find((r) => r.run === m.run && r.scenario === m.scenario && r.connections === m.connections && r.contender === contender);

/** The best peer measured beside m: the one with most accepted answers per second (null when no peer ran). */
export function bestPeer(results: Measurement[], m: Measurement): Measurement | null {
  const peers = PEERS.map((p) => same(results, m, p)).filter((p): p is Measurement => !!p);
  return peers.length ? peers.reduce((a, b) => (b.rps > a.rps ? b : a)) : null;
}

export interface Comparison {
  systemCpuMsPerRequest: number;
  /** rps / the best peer's rps (> 1: ahead). */
  rpsVsBestPeer: number | null;
  /** the least system CPU per request among the peers / ours (> 1: ours does less work per answer). */
  cpuVsBestPeer: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function compare(results: Measurement[], m: Measurement): Comparison {
  const best = bestPeer(results, m);
  const peerCpus = PEERS.map((p) => same(results, m, p)).filter((p): p is Measurement => !!p);
  const leastPeerCpu = peerCpus.length ? Math.min(...peerCpus.map(systemCpu)) : null;
  return {
    systemCpuMsPerRequest: round2(systemCpu(m)),
    rpsVsBestPeer: best ? round2(m.rps / best.rps) : null,
    cpuVsBestPeer: leastPeerCpu !== null && systemCpu(m) > 0 ? round2(leastPeerCpu / systemCpu(m)) : null,
  };
}

export interface TargetCheck {
  target: string;
  /** null: not measured in this run (a contender or scenario missing). */
  holds: boolean | null;
  detail: string;
}

/** The issue's targets, judged at 50 connections (`connections`), each run on its own. */
export function checkTargets(results: Measurement[], scale: (Measurement & { shipments: number })[] = [], connections = 50): TargetCheck[] {
  const runs = [...new Set(results.map((r) => r.run))].sort();
  const at = (run: number, scenario: string, contender: string) =>
    results.find((r) => r.run === run && r.scenario === scenario && r.contender === contender && r.connections === connections);
  const checks: TargetCheck[] = [];
  const judge = (target: string, parts: { ok: boolean | null; text: string }[]) => {
    const known = parts.filter((p) => p.ok !== null);
    // Holds only when every part was measured and holds; fails as soon as a measured part fails; otherwise not known.
    checks.push({
      target,
      holds: known.some((p) => !p.ok) ? false : known.length === parts.length && known.length > 0 ? true : null,
      detail: parts.map((p) => `${p.ok === null ? '?' : p.ok ? 'yes' : 'NO'} ${p.text}`).join('; '),
    });
  };
  const scenarios = ['headline', 'list', 'registry'];
  const each = (f: (run: number, scenario: string) => { ok: boolean | null; text: string }, only = scenarios) =>
    runs.flatMap((run) => only.map((scenario) => f(run, scenario)));

  judge(
    'our gateway over HTTP ahead of Hive Gateway in rps and p99, every scenario',
    each((run, s) => {
      const g = at(run, s, 'gateway'),
        h = at(run, s, 'hive');
      if (!g || !h) return { ok: null, text: `run ${run} ${s}: not measured` };
      return {
        ok: g.rps > h.rps && g.p99Ms < h.p99Ms,
        text: `run ${run} ${s}: ${g.rps.toFixed(0)} vs ${h.rps.toFixed(0)} rps, p99 ${g.p99Ms} vs ${h.p99Ms} ms${h.answersDiffer ? ` (Hive's answers differ from ours on ${h.answersDiffer.differing} of ${h.answersDiffer.checked} samples)` : ''}`,
      };
    }),
  );
  judge(
    'our gateway over HTTP ≥ 2× stock @apollo/gateway, headline and registry',
    each(
      (run, s) => {
        const g = at(run, s, 'gateway'),
          st = at(run, s, 'stock');
        if (!g || !st) return { ok: null, text: `run ${run} ${s}: not measured` };
        return { ok: g.rps >= 2 * st.rps, text: `run ${run} ${s}: ${(g.rps / st.rps).toFixed(2)}×` };
      },
      ['headline', 'registry'],
    ),
  );
  const budget: Record<string, number> = { headline: 3, list: 12, registry: 5 };
  for (const contender of OURS)
    judge(
      `whole-system CPU per answer (${contender}): headline ≤ 3 ms, 50-shipment list ≤ 12 ms, registry ≤ 5 ms`,
      each((run, s) => {
        const m = at(run, s, contender);
        if (!m) return { ok: null, text: `run ${run} ${s}: not measured` };
        return { ok: systemCpu(m) <= budget[s], text: `run ${run} ${s}: ${systemCpu(m).toFixed(2)} ms` };
      }),
    );
  judge(
    'embedded ≥ 2/3 of the direct-subgraph floor, registry scenario',
    runs.map((run) => {
      const e = at(run, 'registry', 'embedded'),
        d = at(run, 'registry', 'direct');
      if (!e || !d) return { ok: null, text: `run ${run}: not measured` };
      return { ok: e.rps >= (2 / 3) * d.rps, text: `run ${run}: ${(e.rps / d.rps).toFixed(2)} of direct` };
    }),
  );
  const ours = results.filter((r) => (OURS as readonly string[]).includes(r.contender));
  judge('no failed request in any contender of ours (refusals by admission control counted apart)', [
    ours.length
      ? {
          ok: ours.every((r) => r.failures === 0),
          text:
            ours
              .filter((r) => r.failures > 0)
              .map((r) => `run ${r.run} ${r.contender} ${r.scenario} c=${r.connections}: ${r.failures} failed`)
              .join(', ') || `none failed; ${ours.reduce((n, r) => n + (r.refused ?? 0), 0)} refused with 503 OVERLOADED`,
        }
      : { ok: null, text: 'not measured' },
  ]);
  judge('gateway RSS < 300 MB in every mode of ours', [
    ours.length
      ? {
          ok: ours.every((r) => r.rssMb < 300),
          text: `peak ${Math.max(...ours.map((r) => r.rssMb))} MB (${OURS.map((c) => `${c} ${Math.max(0, ...ours.filter((r) => r.contender === c).map((r) => r.rssMb))}`).join(', ')})`,
        }
      : { ok: null, text: 'not measured' },
  ]);
  const bySize = (size: number) => scale.filter((m) => m.shipments === size);
  const sizes = [...new Set(scale.map((m) => m.shipments))].sort((a, b) => a - b);
  const small = sizes[0],
    large = sizes[sizes.length - 1];
  judge(
    `headline latency at ${large?.toLocaleString('en') ?? '1M'} shipments within 1.2× of ${small?.toLocaleString('en') ?? '10k'}`,
    sizes.length >= 2
      ? bySize(small).map((a) => {
          const b = bySize(large).find((m) => m.connections === a.connections);
          if (!b) return { ok: null, text: `c=${a.connections}: not measured` };
          return { ok: b.p50Ms <= 1.2 * a.p50Ms, text: `c=${a.connections}: p50 ${b.p50Ms} vs ${a.p50Ms} ms, p99 ${b.p99Ms} vs ${a.p99Ms} ms` };
        })
      : [{ ok: null, text: 'no scale run (npm run bench -- --scale)' }],
  );
  return checks;
}

export function targetsTable(checks: TargetCheck[]): string {
  return [
    '| target | holds | measured |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.target} | ${c.holds === null ? 'not measured in full' : c.holds ? '**yes**' : '**no**'} | ${c.detail} |`),
  ].join('\n');
}
