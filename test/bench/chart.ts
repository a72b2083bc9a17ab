/** An SVG bar chart of the benchmark (no dependencies): requests per second per scenario, one bar per contender (mean of the runs). */
import type { Measurement } from './run.js';

const COLORS: Record<string, string> = { embedded: '#2b6cb0', gateway: '#2f855a', stock: '#c05621', hive: '#805ad5', direct: '#718096' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function renderSvg(results: Measurement[], title: string): string {
  const groups = [...new Set(results.map((r) => `${r.scenario}|${r.connections}`))];
  const contenders = [...new Set(results.map((r) => r.contender))];
  const mean = (g: string, c: string) => {
    const xs = results.filter((r) => `${r.scenario}|${r.connections}` === g && r.contender === c).map((r) => r.rps);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const bar = 22,
    gap = 28,
    left = 60,
    top = 50,
    height = 300;
  const groupWidth = contenders.length * bar + gap;
  const width = left + groups.length * groupWidth + 20;
  const max = Math.max(1, ...groups.flatMap((g) => contenders.map((c) => mean(g, c) ?? 0)));
  const y = (v: number) => top + height - (v / max) * height;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + height + 90}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="bold">Requests per second (mean of runs; higher is better)</text>`);
  parts.push(`<text x="${left}" y="36" fill="#555">${esc(title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(
      `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`,
    );
  }
  groups.forEach((g, gi) => {
    const [scenario, connections] = g.split('|');
    const x0 = left + gi * groupWidth + gap / 2;
    contenders.forEach((c, ci) => {
      const v = mean(g, c);
      if (v === null) return;
      const x = x0 + ci * bar;
      parts.push(
        `<rect x="${x}" y="${y(v)}" width="${bar - 3}" height="${top + height - y(v)}" fill="${COLORS[c] ?? '#999'}"><title>${esc(`${c}: ${v.toFixed(0)} rps`)}</title></rect>`,
      );
      parts.push(`<text x="${x + (bar - 3) / 2}" y="${y(v) - 3}" text-anchor="middle" font-size="9">${v.toFixed(0)}</text>`);
    });
    parts.push(`<text x="${x0 + (contenders.length * bar) / 2}" y="${top + height + 16}" text-anchor="middle">${esc(scenario)}</text>`);
    parts.push(`<text x="${x0 + (contenders.length * bar) / 2}" y="${top + height + 30}" text-anchor="middle" fill="#555">${connections} conn.</text>`);
  });
  contenders.forEach((c, ci) => {
    const x = left + ci * 110;
    parts.push(
      `<rect x="${x}" y="${top + height + 50}" width="12" height="12" fill="${COLORS[c] ?? '#999'}"/><text x="${x + 16}" y="${top + height + 60}">${esc(c)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
