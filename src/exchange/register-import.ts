/**
 * Bulk import of an administration's AEO register from the CSV shape of the EU–US exchange:
 *
 *   identifier_scheme, identifier_value, name, address, country, status (CERTIFIED | SUSPENDED | REVOKED),
 *   validation_date, suspension_date, revocation_date, tier, roles (space-separated), certificate_number
 *
 * Every row is checked and every problem reported (row = line in the file, header = row 1, and column);
 * nothing is written unless every row is valid, and then everything is written in one transaction.
 *
 * Matching: an operator is the one holding the row's (identifier_scheme, identifier_value); otherwise a new
 * operator of the administration is created with that identifier. Its certification in the programme is
 * the one with the row's certificate_number; otherwise a new certification is created. Changes go through
 * the same certification lifecycle as the API (src/domain/certification-lifecycle.ts: a change the
 * certification's status does not allow is an error of its row) and the same event model:
 *
 *  - a new certification: CERTIFIED on validation_date, then SUSPENDED on suspension_date and/or REVOKED on
 *    revocation_date as the row says;
 *  - an existing one: SUSPENDED on suspension_date, REVOKED on revocation_date, and, as the exchange format
 *    carries no date for them, REINSTATED and TIER_CHANGED on the import's effective date (default: today);
 *    a revoked certification is never reinstated (a new certificate number is a new certification).
 *
 * Changes are recorded in order, as through the API: a change dated before the certification's latest
 * recorded change is an error of its row. Importing the same file twice changes nothing the second time.
 */
import { createHash } from 'node:crypto';
import type { Certification, Operator, OperatorRole } from '../data/operators-repository.js';
import type { NewEvent } from '../data/certification-changes-repository.js';
import type { CertificationUpdate, IdentifierRow, OperatorWithRoles, RegisterImportRepository, RegisterWrite } from '../data/register-import-repository.js';
import { isIsoDate } from '../domain/dates.js';
import { OPERATOR_ROLES } from '../domain/recognition.js';
import {
  CERTIFICATE_NUMBER,
  mayUndergo,
  statusAfter,
  transitionRefusal,
  type CertificationChange,
  type CertificationEventType,
} from '../domain/certification-lifecycle.js';
import { parseCsvRecords, CsvSyntaxError, type CsvRecord } from './csv.js';

const COLUMNS = [
  'identifier_scheme',
  'identifier_value',
  'name',
  'address',
  'country',
  'status',
  'validation_date',
  'suspension_date',
  'revocation_date',
  'tier',
  'roles',
  'certificate_number',
] as const;
type Column = (typeof COLUMNS)[number];

const STATUSES = ['CERTIFIED', 'SUSPENDED', 'REVOKED'];
const RECORDED_BY = 'register-import';

export interface ImportProblem {
  /** The row's line in the file (the header is row 1); 0 for problems with the file as a whole. */
  row: number;
  column: string | null;
  message: string;
}

export interface ImportOptions {
  administration: string;
  /** The programme; default: the administration's only programme. */
  program?: string;
  /** The effective date of changes the format carries no date for (reinstatement, tier change). */
  effectiveOn: string;
  /** The latest date any change may take effect (today, with a day's margin for time zones). */
  latestAllowed: string;
  /** The file name, quoted in every event's reason. */
  source: string;
  now?: Date;
}

export interface ImportCounts {
  rows: number;
  operatorsCreated: number;
  operatorsUpdated: number;
  certificationsCreated: number;
  certificationsChanged: number;
  unchanged: number;
  events: Record<string, number>;
}

export interface ImportPlan {
  program: string;
  write: RegisterWrite;
  counts: ImportCounts;
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[]; rows: number };

interface Row {
  line: number;
  scheme: string;
  value: string;
  name: string;
  address: string;
  country: string;
  status: string;
  validationDate: string;
  suspensionDate: string | null;
  revocationDate: string | null;
  tier: string | null;
  roles: string[];
  certificateNumber: string;
}

const SCHEME = /^[A-Z][A-Z0-9_]{0,31}$/;

/** A stable id for a new operator: the same register row always gets the same id. */
function newOperatorId(administration: string, country: string, scheme: string, value: string): string {
  return `OP-${country}-R${createHash('sha256').update(`${administration}\n${scheme}\n${value}`).digest('hex').slice(0, 12).toUpperCase()}`;
}

/** Checks the header and every row on its own (no database). */
function readRows(
  records: CsvRecord[],
  facts: { countries: string[]; tiers: string[]; program: string },
  options: ImportOptions,
  problems: ImportProblem[],
): Row[] {
  const [header, ...data] = records;
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const column of COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) problems.push({ row: header.line, column, message: `the header has no column ${column} (expected: ${COLUMNS.join(', ')}).` });
    else index.set(column, at);
  }
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) problems.push({ row: header.line, column: n, message: 'the column appears twice.' });
  });
  if (problems.length) return [];

  const rows: Row[] = [];
  for (const record of data) {
    const before = problems.length;
    const problem = (column: Column, message: string) => problems.push({ row: record.line, column, message });
    if (record.fields.length !== names.length) {
      problems.push({ row: record.line, column: null, message: `has ${record.fields.length} fields, the header has ${names.length}.` });
      continue;
    }
    const get = (column: Column) => record.fields[index.get(column)!].trim();
    const required = (column: Column, max: number) => {
      const v = get(column);
      if (!v) problem(column, 'is required.');
      else if (v.length > max) problem(column, `is longer than ${max} characters.`);
      return v;
    };
    const scheme = required('identifier_scheme', 32);
    if (scheme && !SCHEME.test(scheme))
      problem('identifier_scheme', `${JSON.stringify(scheme)} is not a scheme name (upper-case letters, digits and "_", e.g. EORI, KR_AEO_NO).`);
    const value = required('identifier_value', 64);
    const name = required('name', 200);
    const address = required('address', 500);
    const country = required('country', 2);
    if (country && !/^[A-Z]{2}$/.test(country)) problem('country', `${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code.`);
    else if (country && !facts.countries.includes(country))
      problem('country', `${country} is not a country of ${options.administration} (${facts.countries.join(' ')}).`);
    const status = get('status');
    if (!STATUSES.includes(status)) problem('status', `${JSON.stringify(status)} is not one of ${STATUSES.join(', ')}.`);
    const date = (column: Column, mandatory: boolean): string | null => {
      const v = get(column);
      if (!v) {
        if (mandatory) problem(column, 'is required.');
        return null;
      }
      if (!isIsoDate(v)) {
        problem(column, `${JSON.stringify(v)} is not a calendar date YYYY-MM-DD.`);
        return null;
      }
      if (v > options.latestAllowed) problem(column, `${v} is in the future.`);
      return v;
    };
    const validationDate = date('validation_date', true);
    const suspensionDate = date('suspension_date', status === 'SUSPENDED');
    const revocationDate = date('revocation_date', status === 'REVOKED');
    if (status === 'CERTIFIED' && get('suspension_date')) problem('suspension_date', 'must be empty for a CERTIFIED row (is the status SUSPENDED?).');
    if (status !== 'REVOKED' && STATUSES.includes(status) && get('revocation_date'))
      problem('revocation_date', `must be empty for a ${status} row (is the status REVOKED?).`);
    if (validationDate && suspensionDate && suspensionDate < validationDate)
      problem('suspension_date', `${suspensionDate} is before validation_date ${validationDate}.`);
    if (validationDate && revocationDate && revocationDate < validationDate)
      problem('revocation_date', `${revocationDate} is before validation_date ${validationDate}.`);
    if (suspensionDate && revocationDate && revocationDate < suspensionDate)
      problem('revocation_date', `${revocationDate} is before suspension_date ${suspensionDate}.`);
    const tier = get('tier') || null;
    if (facts.tiers.length && !tier) problem('tier', `is required: ${facts.program} has tiers (${facts.tiers.join(', ')}).`);
    else if (tier && !facts.tiers.includes(tier))
      problem('tier', `${JSON.stringify(tier)} is not a tier of ${facts.program} (${facts.tiers.length ? facts.tiers.join(', ') : 'it has none'}).`);
    const roles = get('roles').split(/\s+/).filter(Boolean);
    if (!roles.length) problem('roles', `is required: one or more of ${OPERATOR_ROLES.join(' ')}, separated by spaces.`);
    for (const role of roles)
      if (!(OPERATOR_ROLES as readonly string[]).includes(role)) problem('roles', `${JSON.stringify(role)} is not a role (${OPERATOR_ROLES.join(' ')}).`);
    const certificateNumber = required('certificate_number', 64);
    if (certificateNumber && !CERTIFICATE_NUMBER.test(certificateNumber))
      problem('certificate_number', 'must be letters, digits, spaces, ".", "/", "_" or "-", starting with a letter or digit.');
    if (problems.length === before) {
      rows.push({
        line: record.line,
        scheme,
        value,
        name,
        address,
        country,
        status,
        validationDate: validationDate!,
        suspensionDate,
        revocationDate,
        tier,
        roles: [...new Set(roles)].sort(),
        certificateNumber,
      });
    }
  }
  return rows;
}

interface PlannedEvent {
  type: CertificationEventType;
  effectiveOn: string;
  column: Column;
  status: string;
  tier: string | null;
}

/**
 * Events that take a certification from its current state to the row's (new ones from nothing), each
 * a change the certification lifecycle allows; otherwise the refusal, by column.
 */
function eventsFor(
  current: { id: string; status: string; tierCode: string | null } | null,
  row: Row,
  options: ImportOptions,
): { events: PlannedEvent[]; refusal: { column: Column; message: string } | null } {
  const events: PlannedEvent[] = [];
  let refusal: { column: Column; message: string } | null = null;
  let status = current ? current.status : 'CERTIFIED';
  let tier = current ? current.tierCode : row.tier;
  const change = (type: CertificationChange, effectiveOn: string, column: Column, tierAfter = tier) => {
    if (refusal) return;
    if (!mayUndergo(status, type)) {
      refusal = { column, message: transitionRefusal(current?.id ?? row.certificateNumber, status, type) };
      return;
    }
    status = statusAfter(type, status);
    tier = tierAfter;
    events.push({ type, effectiveOn, column, status, tier });
  };
  if (!current) {
    events.push({ type: 'CERTIFIED', effectiveOn: row.validationDate, column: 'validation_date', status, tier });
    if (row.suspensionDate) change('SUSPENDED', row.suspensionDate, 'suspension_date');
    if (row.revocationDate) change('REVOKED', row.revocationDate, 'revocation_date');
    return { events, refusal };
  }
  if (row.status === 'REVOKED') {
    if (status !== 'REVOKED') change('REVOKED', row.revocationDate!, 'revocation_date');
    return { events, refusal };
  }
  if (row.status === 'SUSPENDED' && status === 'CERTIFIED') change('SUSPENDED', row.suspensionDate!, 'suspension_date');
  if (row.status === 'CERTIFIED' && status === 'SUSPENDED') change('REINSTATED', options.effectiveOn, 'status');
  if (row.tier !== tier) change('TIER_CHANGED', options.effectiveOn, 'tier', row.tier);
  return { events, refusal };
}

/**
 * Checks a register file against the database and plans every write; `progress` gets the number of rows
 * checked so far. Nothing is written here.
 */
export async function planImport(text: string, options: ImportOptions, repo: RegisterImportRepository, progress?: (rows: number) => void): Promise<PlanResult> {
  const problems: ImportProblem[] = [];
  let records: CsvRecord[];
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { ok: false, rows: 0, problems: [{ row: error.line, column: null, message: error.message.replace(/^row \d+: /, '') }] };
    throw error;
  }
  if (!records.length) return { ok: false, rows: 0, problems: [{ row: 1, column: null, message: 'the file is empty (a header row is required).' }] };

  const administration = await repo.administration(options.administration);
  if (!administration)
    return { ok: false, rows: 0, problems: [{ row: 0, column: null, message: `no administration ${JSON.stringify(options.administration)}.` }] };
  const program = options.program
    ? administration.programs.find((p) => p.code === options.program)
    : administration.programs.length === 1
      ? administration.programs[0]
      : undefined;
  if (!program) {
    const message = options.program
      ? `${options.program} is not a programme of ${administration.code} (${administration.programs.map((p) => p.code).join(', ') || 'none'}).`
      : `${administration.code} runs ${administration.programs.length} programmes (${administration.programs.map((p) => p.code).join(', ') || 'none'}): name one with --program.`;
    return { ok: false, rows: 0, problems: [{ row: 0, column: null, message }] };
  }

  const rows = readRows(records, { countries: administration.countries, tiers: program.tiers, program: program.code }, options, problems);
  const dataRows = records.length - 1;

  // Duplicates within the file.
  const firstIdentifier = new Map<string, number>();
  const firstNumber = new Map<string, number>();
  const unique: Row[] = [];
  for (const row of rows) {
    const key = `${row.scheme}\n${row.value}`;
    const before = problems.length;
    if (firstIdentifier.has(key))
      problems.push({ row: row.line, column: 'identifier_value', message: `${row.scheme} ${row.value} is already on row ${firstIdentifier.get(key)}.` });
    else firstIdentifier.set(key, row.line);
    if (firstNumber.has(row.certificateNumber))
      problems.push({
        row: row.line,
        column: 'certificate_number',
        message: `${row.certificateNumber} is already on row ${firstNumber.get(row.certificateNumber)}.`,
      });
    else firstNumber.set(row.certificateNumber, row.line);
    if (problems.length === before) unique.push(row);
  }

  // What the database holds for these rows: a few chunked queries, not one per row.
  const identifiers = new Map((await repo.identifiers(unique)).map((i: IdentifierRow) => [`${i.scheme}\n${i.value}`, i]));
  const operators = new Map((await repo.operators([...identifiers.values()].map((i) => i.operatorId))).map((o: OperatorWithRoles) => [o.id, o]));
  const certificationsOf = new Map<string, Certification[]>();
  for (const c of await repo.certificationsOfOperators([...operators.keys()])) {
    const list = certificationsOf.get(c.operatorId);
    if (list) list.push(c);
    else certificationsOf.set(c.operatorId, [c]);
  }
  const byNumber = new Map((await repo.certificationsByNumbers(unique.map((r) => r.certificateNumber))).map((c) => [c.certificateNumber, c]));
  const latest = await repo.latestEffectiveDates([...byNumber.values()].map((c) => c.id));
  const newIds = unique.filter((r) => !identifiers.has(`${r.scheme}\n${r.value}`)).map((r) => newOperatorId(administration.code, r.country, r.scheme, r.value));
  const takenIds = await repo.existingOperatorIds(newIds);

  const recordedAt = (options.now ?? new Date()).toISOString();
  const write: RegisterWrite = {
    operators: [],
    roles: [],
    identifiers: [],
    operatorUpdates: [],
    roleReplacements: [],
    certifications: [],
    certificationUpdates: [],
    events: [],
  };
  const counts: ImportCounts = {
    rows: dataRows,
    operatorsCreated: 0,
    operatorsUpdated: 0,
    certificationsCreated: 0,
    certificationsChanged: 0,
    unchanged: 0,
    events: {},
  };
  const event = (
    certificationId: string,
    row: Row,
    type: string,
    effectiveOn: string,
    before: { status: string; tierCode: string | null; validUntil: string | null } | null,
    after: { status: string; tier: string | null; validUntil: string | null },
  ) => {
    const e: NewEvent & { certificationId: string } = {
      certificationId,
      type,
      effectiveOn,
      recordedAt,
      recordedBy: RECORDED_BY,
      statusBefore: before?.status ?? null,
      tierBefore: before?.tierCode ?? null,
      validUntilBefore: before?.validUntil ?? null,
      statusAfter: after.status,
      tierAfter: after.tier,
      validUntilAfter: after.validUntil,
      reason: `Register import of ${options.source}, row ${row.line}`,
    };
    write.events.push(e);
    counts.events[type] = (counts.events[type] ?? 0) + 1;
  };

  let checked = 0;
  for (const row of unique) {
    const problem = (column: Column, message: string) => problems.push({ row: row.line, column, message });
    const before = problems.length;
    const identifier = identifiers.get(`${row.scheme}\n${row.value}`);
    const operator = identifier ? operators.get(identifier.operatorId)! : null;
    if (operator && operator.administrationCode !== administration.code) {
      problem(
        'identifier_value',
        `${row.scheme} ${row.value} belongs to operator ${operator.id} of ${operator.administrationCode}, not of ${administration.code}.`,
      );
    }
    const numbered = byNumber.get(row.certificateNumber);
    if (numbered && numbered.operatorId !== operator?.id) {
      problem(
        'certificate_number',
        `${row.certificateNumber} is already the certificate of ${numbered.operatorId}${operator ? '' : ` (whose identifiers do not include ${row.scheme} ${row.value})`}.`,
      );
    } else if (numbered && numbered.programCode !== program.code) {
      problem('certificate_number', `${row.certificateNumber} is a ${numbered.programCode} certificate, not ${program.code}.`);
    }
    const held = operator ? (certificationsOf.get(operator.id) ?? []) : [];
    const certification = numbered && numbered.operatorId === operator?.id && numbered.programCode === program.code ? numbered : null;
    if (operator && !certification) {
      const active = held.find((c) => c.programCode === program.code && (c.status === 'CERTIFIED' || c.status === 'SUSPENDED'));
      if (active)
        problem(
          'certificate_number',
          `operator ${operator.id} already holds ${program.code} certificate ${active.certificateNumber} (${active.status}); the register names ${row.certificateNumber}.`,
        );
    }
    if (certification && (certification.status === 'REVOKED' || certification.status === 'WITHDRAWN') && row.status !== 'REVOKED') {
      problem(
        'status',
        `certificate ${row.certificateNumber} is ${certification.status} in the database: a revoked certification is not reinstated (a new certification needs a new certificate number).`,
      );
    }
    const changes = problems.length === before ? eventsFor(certification, row, options) : null;
    if (changes?.refusal) problem(changes.refusal.column, changes.refusal.message);
    const planned = changes?.events ?? [];
    const floor = certification ? latest.get(certification.id) : undefined;
    for (const e of planned) {
      if (floor && e.effectiveOn < floor) {
        problem(
          e.column,
          `${e.type} effective ${e.effectiveOn} is before the latest recorded change of ${row.certificateNumber} (effective ${floor}): changes are recorded in order.`,
        );
      }
    }
    checked++;
    if (checked % 500 === 0) progress?.(checked);
    if (problems.length !== before) continue;

    // The operator.
    let operatorId: string;
    let operatorChanged = false;
    if (operator) {
      operatorId = operator.id;
      const roles = operator.roles.map((r: OperatorRole) => r.role).sort();
      const changedFields = operator.name !== row.name || operator.address !== row.address || operator.countryCode !== row.country;
      const changedRoles = roles.join(' ') !== row.roles.join(' ');
      if (changedFields) write.operatorUpdates.push({ id: operator.id, name: row.name, address: row.address, countryCode: row.country });
      if (changedRoles) {
        write.roleReplacements.push(operator.id);
        write.roles.push(...row.roles.map((role) => ({ operatorId: operator.id, role })));
      }
      operatorChanged = changedFields || changedRoles;
      if (operatorChanged) counts.operatorsUpdated++;
    } else {
      operatorId = newOperatorId(administration.code, row.country, row.scheme, row.value);
      if (takenIds.has(operatorId)) {
        problem('identifier_value', `the new operator's id ${operatorId} is taken; contact the maintainers.`);
        continue;
      }
      const created: Operator = {
        id: operatorId,
        name: row.name,
        countryCode: row.country,
        address: row.address,
        administrationCode: administration.code,
        synthetic: false,
      };
      write.operators.push(created);
      write.roles.push(...row.roles.map((role) => ({ operatorId, role })));
      write.identifiers.push({ operatorId, scheme: row.scheme, value: row.value });
      counts.operatorsCreated++;
    }

    // The certification.
    if (!certification) {
      const ids = new Set(held.map((c) => c.id));
      let id = `CERT-${operatorId}`;
      for (let n = 2; ids.has(id); n++) id = `CERT-${operatorId}-${n}`;
      const last = planned.at(-1)!;
      write.certifications.push({
        id,
        operatorId,
        programCode: program.code,
        tierCode: row.tier,
        status: last.status,
        certificateNumber: row.certificateNumber,
        certifiedOn: row.validationDate,
        validUntil: null,
      });
      let previous: { status: string; tierCode: string | null; validUntil: string | null } | null = null;
      for (const e of planned) {
        event(id, row, e.type, e.effectiveOn, previous, { status: e.status, tier: e.tier, validUntil: null });
        previous = { status: e.status, tierCode: e.tier, validUntil: null };
      }
      counts.certificationsCreated++;
    } else if (planned.length) {
      let previous = { status: certification.status, tierCode: certification.tierCode, validUntil: certification.validUntil };
      for (const e of planned) {
        event(certification.id, row, e.type, e.effectiveOn, previous, { status: e.status, tier: e.tier, validUntil: certification.validUntil });
        previous = { status: e.status, tierCode: e.tier, validUntil: certification.validUntil };
      }
      const update: CertificationUpdate = { id: certification.id, expectedVersion: certification.version, ...previous };
      write.certificationUpdates.push(update);
      counts.certificationsChanged++;
    } else if (!operatorChanged) {
      counts.unchanged++;
    }
  }
  progress?.(checked);
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.row - b.row), rows: dataRows };
  return { ok: true, plan: { program: program.code, write, counts } };
}
