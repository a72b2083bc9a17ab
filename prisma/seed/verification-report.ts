/**
 * Generates prisma/seed/VERIFICATION.md from the seed CSVs, so the report cannot drift from the data.
 *
 *   npx tsx prisma/seed/verification-report.ts                 # writes VERIFICATION.md
 *   npx tsx prisma/seed/verification-report.ts --check         # exits 1 if VERIFICATION.md is stale or the ledger disagrees
 *   npx tsx prisma/seed/verification-report.ts --base=<git-ref> # the "previous data" to compare with (default 82a8fd6)
 *
 * Inputs: data/date_facts.csv (the verification ledger: one row per signing date, in-force date and per-direction
 * effective date, with basis, verification level and sources), data/recognition_conditions.csv, and the seeded CSVs
 * (agreements, agreement_status, recognitions). The previous data is read with `git show <base>:<path>`; this is a
 * developer tool, never run by the application.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, 'data');
const OUT = join(HERE, 'VERIFICATION.md');
export const LEVELS = ['OFFICIAL', 'SECONDARY', 'UNVERIFIED'] as const;
export const DEFAULT_BASE = '82a8fd6';

type Row = Record<string, string>;
function rows(text: string, file: string): Row[] {
  const [header, ...body] = parseCsv(text, file);
  return body.filter((r) => !(r.length === 1 && r[0] === '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
const current = (file: string) => rows(readFileSync(join(DATA, file), 'utf8'), file);
function previous(base: string, file: string): Row[] {
  try {
    return rows(execFileSync('git', ['show', `${base}:prisma/seed/data/${file}`], { cwd: HERE, encoding: 'utf8', maxBuffer: 64 << 20 }), file);
  } catch {
    return [];
  }
}

/** Checks the ledger against the seeded CSVs; returns the problems found (empty when consistent). */
export function verifyLedger(): string[] {
  const problems: string[] = [];
  const facts = current('date_facts.csv');
  const status = current('agreement_status.csv');
  const recs = current('recognitions.csv');
  const agreements = current('agreements.csv');
  const fact = new Map(facts.map((f) => [`${f.subject}|${f.fact}`, f]));
  for (const f of facts) {
    if (f.value && !LEVELS.includes(f.verification_level as (typeof LEVELS)[number])) problems.push(`${f.subject} ${f.fact}: level "${f.verification_level}"`);
    if (!f.value && f.basis !== 'UNKNOWN') problems.push(`${f.subject} ${f.fact}: empty value but basis ${f.basis}`);
    if (!f.source_urls) problems.push(`${f.subject} ${f.fact}: no source`);
  }
  for (const s of status) if (s.basis === 'ASSUMED_FROM_SIGNING') problems.push(`${s.agreement_id} ${s.status}: ASSUMED_FROM_SIGNING`);
  for (const r of recs) if (r.effective_basis === 'ASSUMED_FROM_SIGNING') problems.push(`${r.id}: ASSUMED_FROM_SIGNING`);
  for (const a of agreements) {
    const signed = fact.get(`${a.id}|SIGNED`);
    const inForce = fact.get(`${a.id}|IN_FORCE`);
    if (!signed || !inForce) {
      problems.push(`${a.id}: missing SIGNED/IN_FORCE fact`);
      continue;
    }
    if (signed.value !== a.signed_on) problems.push(`${a.id}: signed_on ${a.signed_on} but ledger ${signed.value}`);
    const row = status.find((s) => s.agreement_id === a.id && s.status === 'IN_FORCE');
    if ((row?.from ?? '') !== inForce.value) problems.push(`${a.id}: IN_FORCE row ${row?.from ?? 'none'} but ledger ${inForce.value || 'UNKNOWN'}`);
  }
  for (const r of recs) {
    const f = fact.get(`${r.id}|EFFECTIVE_FROM`);
    if (!f) problems.push(`${r.id}: no EFFECTIVE_FROM fact`);
    else if (f.value !== r.effective_from || f.basis !== r.effective_basis)
      problems.push(`${r.id}: ${r.effective_from}/${r.effective_basis} but ledger ${f.value}/${f.basis}`);
  }
  return problems;
}

function count<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}
const fmt = (m: Map<string, number>) =>
  [...m]
    .sort()
    .map(([k, v]) => `${k || '(empty)'} ${v}`)
    .join(', ');
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const links = (urls: string) =>
  urls
    .split(' ')
    .filter(Boolean)
    .map((u, i) => `[${i + 1}](${u})`)
    .join(' ');

export function buildReport(base = DEFAULT_BASE): string {
  const facts = current('date_facts.csv');
  const agreements = current('agreements.csv');
  const recs = current('recognitions.csv');
  const status = current('agreement_status.csv');
  const conditions = current('recognition_conditions.csv');
  const prevAgreements = previous(base, 'agreements.csv');
  const prevStatus = previous(base, 'agreement_status.csv');
  const prevRecs = previous(base, 'recognitions.csv');
  const fact = new Map(facts.map((f) => [`${f.subject}|${f.fact}`, f]));
  const L: string[] = [];
  L.push('# Register verification report', '');
  L.push(
    `Generated by \`npx tsx prisma/seed/verification-report.ts\` from \`data/date_facts.csv\` (the verification ledger) and the seed CSVs; "previous data" is git \`${base}\`. Do not edit by hand.`,
    '',
  );
  L.push(
    "Levels: **OFFICIAL** = the administration's own page or notice, an official journal, the EU's or the WCO's pages (or a verbatim copy of one); **SECONDARY** = trade press, consultancies, associations; **UNVERIFIED** = kept as previously reported, marked uncertain by its source and not re-checked. A fact with no documented date is **UNKNOWN**: its agreement is not IN_FORCE and its recognitions have no `effective_from`, so answers resting on it are UNDETERMINED.",
    '',
  );

  L.push('## Counts', '');
  const prevBasisR = count(prevRecs, (r) => r.effective_basis);
  const basisR = count(recs, (r) => r.effective_basis);
  const prevBasisS = count(prevStatus, (s) => `${s.status}/${s.basis}`);
  const basisS = count(status, (s) => `${s.status}/${s.basis}`);
  const inForce = facts.filter((f) => f.fact === 'IN_FORCE');
  const signed = facts.filter((f) => f.fact === 'SIGNED');
  const eff = facts.filter((f) => f.fact === 'EFFECTIVE_FROM');
  L.push('| | Previous | Now |', '|---|---|---|');
  L.push(`| Agreements | ${prevAgreements.length} | ${agreements.length} |`);
  L.push(
    `| Agreements IN_FORCE (documented date) | ${new Set(prevStatus.filter((s) => s.status === 'IN_FORCE').map((s) => s.agreement_id)).size} | ${inForce.filter((f) => f.value).length} |`,
  );
  L.push(
    `| Agreements with in-force date UNKNOWN | ${prevAgreements.length - new Set(prevStatus.filter((s) => s.status === 'IN_FORCE').map((s) => s.agreement_id)).size} | ${inForce.filter((f) => !f.value).length} |`,
  );
  L.push(`| Status rows by status/basis | ${fmt(prevBasisS)} | ${fmt(basisS)} |`);
  L.push(`| Recognitions (directions) | ${prevRecs.length} | ${recs.length} |`);
  L.push(`| Recognitions by effective basis | ${fmt(prevBasisR)} | ${fmt(basisR)} |`);
  L.push('');
  const srcOf = (fs: Row[]) => fs.filter((f) => f.value && f.basis !== 'UNKNOWN').length;
  L.push('| Fact | Documented (SOURCE / SOURCE_PERIOD_*) | UNKNOWN | by level |', '|---|---|---|---|');
  for (const [name, fs] of [
    ['Signing dates', signed],
    ['Entry into force / implementation', inForce],
    ['Per-direction effective dates', eff],
  ] as const) {
    L.push(
      `| ${name} | ${srcOf(fs)} | ${fs.filter((f) => !f.value).length} | ${fmt(
        count(
          fs.filter((f) => f.value),
          (f) => f.verification_level,
        ),
      )} |`,
    );
  }
  L.push('');

  L.push('## Per agreement', '');
  L.push('| Agreement | Signed | Level | In force / applied | Basis | Level | Directions (effective) | Sources |', '|---|---|---|---|---|---|---|---|');
  for (const a of agreements) {
    const s = fact.get(`${a.id}|SIGNED`);
    const f = fact.get(`${a.id}|IN_FORCE`);
    const dirs = recs.filter((r) => r.agreement_id === a.id);
    const dirText = count(dirs, (r) => r.effective_from || 'UNKNOWN');
    const urls = [...new Set([...(s?.source_urls ?? '').split(' '), ...(f?.source_urls ?? '').split(' ')])].join(' ');
    L.push(
      `| ${a.id} | ${a.signed_on ? `${a.signed_on} (${a.signed_precision})` : 'UNKNOWN'} | ${s?.verification_level || '-'} | ${f?.value || 'UNKNOWN'} | ${f?.basis ?? ''} | ${f?.verification_level || '-'} | ${dirs.length}: ${fmt(dirText)} | ${links(urls)} |`,
    );
  }
  L.push('');
  L.push('### Notes per agreement', '');
  for (const a of agreements) {
    const s = fact.get(`${a.id}|SIGNED`);
    const f = fact.get(`${a.id}|IN_FORCE`);
    L.push(
      `- **${a.id}**: signed: ${esc(s?.note ?? '')} In force: ${esc(f?.value ? f.note : (f?.note ?? '').replace(/^Not in force in the registry: /, 'UNKNOWN. '))}`,
    );
  }
  L.push('');

  L.push('## Changed from the previous data', '');
  const prevA = new Map(prevAgreements.map((a) => [a.id, a]));
  const prevIF = new Map(prevStatus.filter((s) => s.status === 'IN_FORCE').map((s) => [s.agreement_id, s]));
  const prevR = new Map(prevRecs.map((r) => [r.id, r]));
  L.push('| Agreement | Signing (was → now) | In force (was → now) | Directions changed |', '|---|---|---|---|');
  for (const a of agreements) {
    const p = prevA.get(a.id);
    const pIF = prevIF.get(a.id);
    const nIF = status.find((s) => s.agreement_id === a.id && s.status === 'IN_FORCE');
    const dirs = recs.filter((r) => r.agreement_id === a.id);
    const changedDirs = dirs.filter((r) => {
      const o = prevR.get(r.id);
      return !o || o.effective_from !== r.effective_from || o.effective_basis !== r.effective_basis || o.covered_roles !== r.covered_roles;
    });
    const wasIF = pIF ? `${pIF.from} ${pIF.basis}` : 'none';
    const nowIF = nIF ? `${nIF.from} ${nIF.basis}` : 'UNKNOWN';
    const wasS = p ? p.signed_on || 'UNKNOWN' : 'new';
    if (p && wasS === (a.signed_on || 'UNKNOWN') && wasIF === nowIF && changedDirs.length === 0) continue;
    const dirText =
      changedDirs.length === 0
        ? ''
        : changedDirs.length > 4
          ? `${changedDirs.length} directions → ${fmt(count(changedDirs, (r) => r.effective_from || 'UNKNOWN'))}`
          : changedDirs
              .map((r) => {
                const o = prevR.get(r.id);
                return `${r.id.split(':')[1]}: ${o ? (o.effective_from ? `${o.effective_from} ${o.effective_basis}` : 'UNKNOWN') : 'new'} → ${r.effective_from ? `${r.effective_from} ${r.effective_basis}` : 'UNKNOWN'}${o && o.covered_roles !== r.covered_roles ? ` (roles ${o.covered_roles || 'all'} → ${r.covered_roles || 'all'})` : ''}`;
              })
              .join('; ');
    L.push(
      `| ${a.id} | ${wasS === (a.signed_on || 'UNKNOWN') ? a.signed_on || 'UNKNOWN' : `${wasS} → ${a.signed_on || 'UNKNOWN'}`} | ${wasIF === nowIF ? nowIF : `${wasIF} → ${nowIF}`} | ${dirText} |`,
    );
  }
  const removed = prevAgreements.filter((a) => !agreements.some((b) => b.id === a.id));
  if (removed.length) L.push('', `Removed agreements: ${removed.map((a) => a.id).join(', ')}.`);
  L.push('');

  L.push('## Recognition conditions (`data/recognition_conditions.csv`)', '');
  L.push('| Subject | Condition | Detail | Level | Sources |', '|---|---|---|---|---|');
  for (const c of conditions) L.push(`| ${c.subject} | ${c.condition} | ${esc(c.detail)} | ${c.verification_level} | ${links(c.source_urls)} |`);
  L.push('');
  return L.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Map(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k, v ?? 'true'] as const;
    }),
  );
  const problems = verifyLedger();
  for (const p of problems) console.error(`ledger: ${p}`);
  const report = buildReport(args.get('base') ?? DEFAULT_BASE);
  if (args.has('check')) {
    let onDisk = '';
    try {
      onDisk = readFileSync(OUT, 'utf8');
    } catch {
      /* missing */
    }
    if (onDisk !== report) console.error('VERIFICATION.md is stale: run npx tsx prisma/seed/verification-report.ts');
    process.exit(problems.length || onDisk !== report ? 1 : 0);
  }
  writeFileSync(OUT, report);
  console.log(`wrote ${OUT}${problems.length ? ` (${problems.length} ledger problems)` : ''}`);
  process.exit(problems.length ? 1 : 0);
}
