/**
 * The MRA network as a picture: a circular layout of programmes and the agreements between them on a
 * date. Pure functions; an agreement's status on a date is the domain's (src/domain/agreement-lifecycle.ts).
 */
import { agreementStatusOn } from '../../domain/agreement-lifecycle.js';
import { todayUtc } from '../../domain/dates.js';

export interface ProgramLike {
  code: string;
  name: string;
  administration: { code: string; jurisdiction: string };
}

export interface AgreementLike {
  id: string;
  parties: { administration: { code: string }; program: { code: string } }[];
  statusHistory: { status: string; from: string; to?: string | null }[];
}

export interface NetworkNode {
  code: string;
  name: string;
  administration: string;
  x: number;
  y: number;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end' | 'middle';
}

export interface NetworkEdge {
  agreementId: string;
  from: string;
  to: string;
  status: string;
  administrations: string[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Programmes evenly on a circle, grouped by jurisdiction, labels outside. */
export function circularLayout(programs: ProgramLike[], width: number, height: number) {
  const sorted = [...programs].sort((a, b) => a.administration.jurisdiction.localeCompare(b.administration.jurisdiction) || a.code.localeCompare(b.code));
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.min(width, height) / 2 - 90;
  const nodes = new Map<string, NetworkNode>();
  sorted.forEach((p, i) => {
    const angle = (2 * Math.PI * i) / Math.max(sorted.length, 1) - Math.PI / 2;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    nodes.set(p.code, {
      code: p.code,
      name: p.name,
      administration: p.administration.code,
      x: round(cx + radius * cos),
      y: round(cy + radius * sin),
      labelX: round(cx + (radius + 12) * cos),
      labelY: round(cy + (radius + 12) * sin),
      anchor: Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end',
    });
  });
  return { width, height, nodes };
}

/** One edge per pair of parties of every agreement signed, in force or suspended on the date. */
export function edgesOn(agreements: AgreementLike[], date: string): NetworkEdge[] {
  const edges: NetworkEdge[] = [];
  for (const agreement of agreements) {
    const status = agreementStatusOn(agreement.statusHistory, date)?.status ?? null;
    if (!status || status === 'TERMINATED') continue;
    const programs = [...new Set(agreement.parties.map((p) => p.program.code))];
    const administrations = [...new Set(agreement.parties.map((p) => p.administration.code))];
    for (let i = 0; i < programs.length; i++) {
      for (let j = i + 1; j < programs.length; j++) edges.push({ agreementId: agreement.id, from: programs[i], to: programs[j], status, administrations });
    }
  }
  return edges;
}

/** Months from January 2007 to the current month (the slider's range). */
export function MONTHS_FROM_2007(today = todayUtc()): number {
  return (Number(today.slice(0, 4)) - 2007) * 12 + Number(today.slice(5, 7)) - 1;
}

export function monthIndexToDate(index: number): string {
  const year = 2007 + Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}
