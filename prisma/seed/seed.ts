/**
 * Seeds the registry (administrations, programmes, agreements, recognitions, benefits, locations) from the
 * curated CSVs in prisma/seed/data, the demo records of demo.ts, and a deterministic synthetic population of
 * operators, certifications and shipments. Everything is inserted with createMany inside one interactive
 * transaction, so a failed seed leaves nothing behind. Portable: no raw SQL, same data on SQLite and PostgreSQL.
 *
 * See prisma/seed/README.md for the date policy, the direction/role modelling and what is inferred.
 */
import { join } from 'node:path';
import type { Db } from '../../src/data/client.js';
import { projectRoot } from '../../src/platform/paths.js';
import type { DatabaseSeeder } from '../../src/data/seeder.js';
import { CsvError, readCsvTable, type CsvRow, type CsvTable } from './csv.js';
import { DEMO_OPERATORS, DEMO_SHIPMENTS, type DemoEvent } from './demo.js';
import { BENEFIT_CATEGORY_SCOPES } from '../../src/domain/benefits.js';
import { TIER_SCOPES } from '../../src/domain/programme-tiers.js';
import { RECOGNITION_CONDITION_KINDS, VERIFICATION_LEVELS } from '../../src/domain/recognition-conditions.js';
import { importingAdministrationOn, type UnionMembership } from '../../src/domain/customs-union.js';

// ---------------------------------------------------------------- public API

export interface SeedOptions {
  syntheticOperators?: number;
  syntheticShipments?: number;
  randomSeed?: number;
  /** Called after every chunk of synthetic shipments: (shipments inserted, shipments to insert). */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedCounts {
  administrations: number;
  programs: number;
  agreements: number;
  recognitions: number;
  operators: number;
  certifications: number;
  shipments: number;
}

export const DEFAULT_SEED_OPTIONS = { syntheticOperators: 300, syntheticShipments: 2000, randomSeed: 20100628 } as const;

/** The date the synthetic histories run up to: no event is effective later, arrivals after it stay null. */
export const SEED_AS_OF = '2026-11-01';

export const OPERATOR_ROLES = [
  'EXPORTER',
  'IMPORTER',
  'MANUFACTURER',
  'CUSTOMS_BROKER',
  'FREIGHT_FORWARDER',
  'CARRIER',
  'WAREHOUSE_OPERATOR',
  'PORT_OPERATOR',
  'LOGISTICS_PROVIDER',
] as const;
export type OperatorRoleCode = (typeof OPERATOR_ROLES)[number];

export const AGREEMENT_STATUSES = ['SIGNED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED'] as const;
/** The GraphQL EffectiveBasis values. SOURCE: the source gives the day. SOURCE_PERIOD_START / _END: month or year
 * resolved to its first day (signing only) / the first day after it (entry into force). ASSUMED_FROM_SIGNING: no
 * entry-into-force date documented, signing date used. UNKNOWN: no date (recognitions only; never in force). */
export const STATUS_BASES = ['SOURCE', 'SOURCE_PERIOD_START', 'SOURCE_PERIOD_END', 'ASSUMED_FROM_SIGNING'] as const;
export const EFFECTIVE_BASES = ['SOURCE', 'SOURCE_PERIOD_END', 'ASSUMED_FROM_SIGNING', 'UNKNOWN'] as const;

export const SEED_DATA_DIR = join(projectRoot, 'prisma', 'seed', 'data');

/** True when the registry has been seeded (any administration present). */
export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.administration.count()) > 0;
}

/** The seeder that entry points pass into database preparation (src/stack.ts prepareDatabase). */
export const seeder: DatabaseSeeder = {
  isSeeded,
  seed: async (db, size) => ({ ...(await seedDatabase(db, { syntheticOperators: size.operators, syntheticShipments: size.shipments })) }),
};

export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<SeedCounts> {
  const syntheticOperators = options.syntheticOperators ?? DEFAULT_SEED_OPTIONS.syntheticOperators;
  const syntheticShipments = options.syntheticShipments ?? DEFAULT_SEED_OPTIONS.syntheticShipments;
  const randomSeed = options.randomSeed ?? DEFAULT_SEED_OPTIONS.randomSeed;
  for (const [name, value] of Object.entries({ syntheticOperators, syntheticShipments })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`seedDatabase: ${name} must be a non-negative integer, got ${value}`);
  }
  if (!Number.isInteger(randomSeed)) throw new Error(`seedDatabase: randomSeed must be an integer, got ${randomSeed}`);
  if (syntheticShipments > 0 && syntheticOperators < 2) throw new Error('seedDatabase: synthetic shipments need at least 2 synthetic operators');

  const data = loadSeedData();
  if (await isSeeded(db)) throw new Error('seedDatabase: the database is already seeded (administrations exist); use a fresh database');

  const timeout = Math.max(600_000, syntheticShipments * 3 + syntheticOperators * 10);
  return db.$transaction(
    async (tx) => {
      await insertRegistry(tx, data);
      const demo = await insertDemo(tx, data);
      const population = await insertSyntheticOperators(tx, data, syntheticOperators, randomSeed);
      const shipments = await insertSyntheticShipments(tx, data, population, syntheticShipments, randomSeed, options.onProgress);
      return {
        administrations: data.administrations.length,
        programs: data.programs.length,
        agreements: data.agreements.length,
        recognitions: data.recognitions.length,
        operators: demo.operators + population.operators.length,
        certifications: demo.certifications + population.certifications,
        shipments: demo.shipments + shipments,
      };
    },
    { timeout, maxWait: 60_000 },
  );
}

// ---------------------------------------------------------------- seed data (CSV) loading and validation

export interface SeedData {
  administrations: { code: string; name: string; jurisdiction: string; countries: string; sourceUrls: string; verification: string }[];
  programs: {
    code: string;
    administrationCode: string;
    name: string;
    launchedOn: string | null;
    launchNote: string;
    lifecycleNote: string;
    sourceUrls: string;
    verification: string;
  }[];
  tiers: { programCode: string; code: string; name: string; rank: number; scope: string }[];
  roles: { programCode: string; role: string }[];
  benefits: { code: string; name: string; description: string; category: string }[];
  benefitWording: { scope: string; benefitCode: string; wording: string; source: string }[];
  agreements: {
    id: string;
    kind: string;
    title: string;
    signedOn: string | null;
    signedPrecision: string;
    signedPlace: string | null;
    signedAsReported: string;
    inForceAsReported: string;
    directionNote: string;
    scopeNote: string;
    sourceUrls: string;
    verification: string;
  }[];
  parties: { agreementId: string; administrationCode: string; programCode: string }[];
  statusPeriods: { agreementId: string; status: string; from: string; to: string | null; basis: string; note: string }[];
  recognitions: {
    id: string;
    agreementId: string;
    recognizingAdministrationCode: string;
    recognizedProgramCode: string;
    eligibleTiers: string;
    coveredRoles: string;
    effectiveFrom: string | null;
    effectiveTo: string | null;
    effectiveBasis: string;
    note: string;
    benefitCodes: string[];
  }[];
  locations: { locode: string; name: string; countryCode: string }[];
  /** The verification ledger (date_facts.csv). */
  dateFacts: {
    subject: string;
    fact: string;
    value: string | null;
    precision: string;
    basis: string;
    verificationLevel: string;
    sourceUrls: string;
    note: string;
  }[];
  /** Documented recognition conditions (recognition_conditions.csv). */
  conditions: { subject: string; condition: string; detail: string; verificationLevel: string; sourceUrls: string }[];
  /** Customs-union membership over time (customs_unions.csv). */
  memberships: {
    id: string;
    unionAdministrationCode: string;
    countryCode: string;
    from: string | null;
    to: string | null;
    toUnknown: boolean;
    note: string;
    sourceUrls: string;
    verification: string;
  }[];
  /** Where the register's list of an administration's arrangements is known complete (register_coverage.csv). */
  registerCoverage: { administrationCode: string; completeAsOf: string; verificationLevel: string; sourceUrls: string; note: string }[];
}

const FILES = {
  administrations: ['administrations.csv', ['code', 'name', 'jurisdiction', 'countries', 'source_urls', 'verification']],
  programs: ['programmes.csv', ['code', 'administration_code', 'name', 'launched_on', 'launch_note', 'lifecycle_note', 'source_urls', 'verification']],
  tiers: ['programme_tiers.csv', ['programme_code', 'code', 'name', 'rank', 'scope']],
  roles: ['programme_roles.csv', ['programme_code', 'role']],
  benefits: ['benefits.csv', ['code', 'name', 'description', 'category']],
  benefitWording: ['benefit_wording.csv', ['scope', 'benefit_code', 'wording', 'source']],
  agreements: [
    'agreements.csv',
    [
      'id',
      'kind',
      'title',
      'signed_on',
      'signed_precision',
      'signed_place',
      'signed_as_reported',
      'in_force_as_reported',
      'direction_note',
      'scope_note',
      'source_urls',
      'verification',
    ],
  ],
  parties: ['agreement_parties.csv', ['agreement_id', 'administration_code', 'programme_code']],
  statusPeriods: ['agreement_status.csv', ['agreement_id', 'status', 'from', 'to', 'basis', 'note']],
  recognitions: [
    'recognitions.csv',
    [
      'id',
      'agreement_id',
      'recognizing_administration_code',
      'recognized_programme_code',
      'eligible_tiers',
      'covered_roles',
      'effective_from',
      'effective_to',
      'effective_basis',
      'note',
      'benefit_codes',
    ],
  ],
  locations: ['locations.csv', ['locode', 'name', 'country_code']],
  dateFacts: ['date_facts.csv', ['subject', 'fact', 'value', 'precision', 'basis', 'verification_level', 'source_urls', 'note']],
  conditions: ['recognition_conditions.csv', ['subject', 'condition', 'detail', 'verification_level', 'source_urls']],
  memberships: ['customs_unions.csv', ['id', 'union_administration_code', 'country_code', 'from', 'to', 'note', 'source_urls', 'verification']],
  registerCoverage: ['register_coverage.csv', ['administration_code', 'complete_as_of', 'verification_level', 'source_urls', 'note']],
} as const;

/** Reads and validates the curated CSVs; throws a CsvError naming file, row and column on the first problem. */
export function loadSeedData(dir: string = SEED_DATA_DIR): SeedData {
  const read = (key: keyof typeof FILES): CsvTable => readCsvTable(join(dir, FILES[key][0]), FILES[key][1]);
  const fail = (t: CsvTable, r: CsvRow, column: string, message: string): never => {
    throw new CsvError(t.file, r.row, column, message);
  };
  const required = (t: CsvTable, r: CsvRow, column: string): string => {
    const v = r.get(column);
    if (v.trim() === '') fail(t, r, column, 'required value is empty');
    if (v !== v.trim()) fail(t, r, column, 'leading or trailing whitespace');
    return v;
  };
  const optional = (r: CsvRow, column: string): string | null => (r.get(column) === '' ? null : r.get(column));
  const date = (t: CsvTable, r: CsvRow, column: string): string | null => {
    const v = optional(r, column);
    if (v !== null && !isIsoDate(v)) fail(t, r, column, `"${v}" is not a calendar date YYYY-MM-DD`);
    return v;
  };
  const oneOf = <T extends string>(t: CsvTable, r: CsvRow, column: string, allowed: readonly T[]): T => {
    const v = r.get(column);
    if (!(allowed as readonly string[]).includes(v)) fail(t, r, column, `"${v}" is not one of ${allowed.join(', ')}`);
    return v as T;
  };
  const list = (r: CsvRow, column: string): string[] => (r.get(column) === '' ? [] : r.get(column).split(' '));
  const unique = (t: CsvTable, r: CsvRow, column: string, seen: Set<string>, key: string) => {
    if (seen.has(key)) fail(t, r, column, `duplicate ${key}`);
    seen.add(key);
  };
  const urls = (t: CsvTable, r: CsvRow, column: string): string => {
    const v = required(t, r, column);
    for (const u of v.split(' ')) if (!/^https?:\/\/\S+$/.test(u)) fail(t, r, column, `"${u}" is not an http(s) URL (URLs are space-separated)`);
    return v;
  };

  const data: SeedData = {
    administrations: [],
    programs: [],
    tiers: [],
    roles: [],
    benefits: [],
    benefitWording: [],
    agreements: [],
    parties: [],
    statusPeriods: [],
    recognitions: [],
    locations: [],
    dateFacts: [],
    conditions: [],
    memberships: [],
    registerCoverage: [],
  };

  // administrations
  const countryOwner = new Map<string, string>();
  const adminCodes = new Set<string>();
  let t = read('administrations');
  for (const r of t.rows) {
    const code = required(t, r, 'code');
    if (!/^[A-Z]{2}-[A-Z0-9]+$/.test(code)) fail(t, r, 'code', `"${code}" is not <ISO2>-<ACRONYM>`);
    unique(t, r, 'code', adminCodes, code);
    const jurisdiction = required(t, r, 'jurisdiction');
    if (!/^[A-Z]{2}$/.test(jurisdiction)) fail(t, r, 'jurisdiction', `"${jurisdiction}" is not a 2-letter code`);
    const countries = required(t, r, 'countries');
    for (const c of countries.split(' ')) {
      if (!/^[A-Z]{2}$/.test(c)) fail(t, r, 'countries', `"${c}" is not an ISO 3166-1 alpha-2 code`);
      if (countryOwner.has(c)) fail(t, r, 'countries', `${c} already belongs to ${countryOwner.get(c)}`);
      countryOwner.set(c, code);
    }
    data.administrations.push({
      code,
      name: required(t, r, 'name'),
      jurisdiction,
      countries,
      sourceUrls: urls(t, r, 'source_urls'),
      verification: required(t, r, 'verification'),
    });
  }

  // programmes
  const programAdmin = new Map<string, string>();
  t = read('programs');
  for (const r of t.rows) {
    const code = required(t, r, 'code');
    if (!/^[A-Z]{2}-[A-Z0-9-]+$/.test(code)) fail(t, r, 'code', `"${code}" is not <ISO2>-<ACRONYM>`);
    if (programAdmin.has(code)) fail(t, r, 'code', `duplicate ${code}`);
    const administrationCode = required(t, r, 'administration_code');
    if (!adminCodes.has(administrationCode)) fail(t, r, 'administration_code', `unknown administration ${administrationCode}`);
    programAdmin.set(code, administrationCode);
    data.programs.push({
      code,
      administrationCode,
      name: required(t, r, 'name'),
      launchedOn: date(t, r, 'launched_on'),
      launchNote: required(t, r, 'launch_note'),
      lifecycleNote: r.get('lifecycle_note'),
      sourceUrls: urls(t, r, 'source_urls'),
      verification: required(t, r, 'verification'),
    });
  }

  // tiers
  const tiersOf = new Map<string, Set<string>>();
  t = read('tiers');
  for (const r of t.rows) {
    const programCode = required(t, r, 'programme_code');
    if (!programAdmin.has(programCode)) fail(t, r, 'programme_code', `unknown programme ${programCode}`);
    const code = required(t, r, 'code');
    if (/\s/.test(code)) fail(t, r, 'code', 'tier codes cannot contain spaces');
    const set = tiersOf.get(programCode) ?? new Set<string>();
    if (set.has(code)) fail(t, r, 'code', `duplicate tier ${programCode}/${code}`);
    set.add(code);
    tiersOf.set(programCode, set);
    const rank = Number(required(t, r, 'rank'));
    if (!Number.isInteger(rank) || rank < 0) fail(t, r, 'rank', `"${r.get('rank')}" is not a non-negative integer`);
    data.tiers.push({ programCode, code, name: required(t, r, 'name'), rank, scope: oneOf(t, r, 'scope', TIER_SCOPES) });
  }

  // roles
  const seenRoles = new Set<string>();
  t = read('roles');
  for (const r of t.rows) {
    const programCode = required(t, r, 'programme_code');
    if (!programAdmin.has(programCode)) fail(t, r, 'programme_code', `unknown programme ${programCode}`);
    const role = oneOf(t, r, 'role', OPERATOR_ROLES);
    unique(t, r, 'role', seenRoles, `${programCode}/${role}`);
    data.roles.push({ programCode, role });
  }

  // benefits
  const benefitCodes = new Set<string>();
  t = read('benefits');
  for (const r of t.rows) {
    const code = required(t, r, 'code');
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) fail(t, r, 'code', `"${code}" is not an UPPER_SNAKE_CASE code`);
    unique(t, r, 'code', benefitCodes, code);
    const category = oneOf(t, r, 'category', Object.keys(BENEFIT_CATEGORY_SCOPES));
    data.benefits.push({ code, name: required(t, r, 'name'), description: required(t, r, 'description'), category });
  }

  // agreements
  const agreementIds = new Set<string>();
  const signedOnOf = new Map<string, string | null>();
  t = read('agreements');
  for (const r of t.rows) {
    const id = required(t, r, 'id');
    if (!/^MRA-[A-Z0-9-]+$/.test(id)) fail(t, r, 'id', `"${id}" is not MRA-...`);
    unique(t, r, 'id', agreementIds, id);
    const kind = oneOf(t, r, 'kind', ['BILATERAL', 'PLURILATERAL'] as const);
    const signedOn = date(t, r, 'signed_on');
    const signedPrecision = oneOf(t, r, 'signed_precision', ['DAY', 'MONTH', 'YEAR', 'UNKNOWN'] as const);
    if ((signedOn === null) !== (signedPrecision === 'UNKNOWN')) fail(t, r, 'signed_precision', 'UNKNOWN if and only if signed_on is empty');
    if (signedOn && signedPrecision === 'MONTH' && !signedOn.endsWith('-01')) fail(t, r, 'signed_on', 'MONTH precision must be the first day of the month');
    if (signedOn && signedPrecision === 'YEAR' && !signedOn.endsWith('-01-01')) fail(t, r, 'signed_on', 'YEAR precision must be January 1');
    signedOnOf.set(id, signedOn);
    data.agreements.push({
      id,
      kind,
      title: required(t, r, 'title'),
      signedOn,
      signedPrecision,
      signedPlace: optional(r, 'signed_place'),
      signedAsReported: required(t, r, 'signed_as_reported'),
      inForceAsReported: required(t, r, 'in_force_as_reported'),
      directionNote: required(t, r, 'direction_note'),
      scopeNote: r.get('scope_note'),
      sourceUrls: urls(t, r, 'source_urls'),
      verification: required(t, r, 'verification'),
    });
  }

  // parties
  const partyPrograms = new Map<string, Set<string>>();
  const partyAdmins = new Map<string, Set<string>>();
  t = read('parties');
  for (const r of t.rows) {
    const agreementId = required(t, r, 'agreement_id');
    if (!agreementIds.has(agreementId)) fail(t, r, 'agreement_id', `unknown agreement ${agreementId}`);
    const administrationCode = required(t, r, 'administration_code');
    if (!adminCodes.has(administrationCode)) fail(t, r, 'administration_code', `unknown administration ${administrationCode}`);
    const programCode = required(t, r, 'programme_code');
    if (!programAdmin.has(programCode)) fail(t, r, 'programme_code', `unknown programme ${programCode}`);
    if (programAdmin.get(programCode) !== administrationCode)
      fail(t, r, 'programme_code', `${programCode} is run by ${programAdmin.get(programCode)}, not ${administrationCode}`);
    const programs = partyPrograms.get(agreementId) ?? new Set<string>();
    if (programs.has(programCode)) fail(t, r, 'programme_code', `duplicate party ${agreementId}/${programCode}`);
    programs.add(programCode);
    partyPrograms.set(agreementId, programs);
    partyAdmins.set(agreementId, (partyAdmins.get(agreementId) ?? new Set<string>()).add(administrationCode));
    data.parties.push({ agreementId, administrationCode, programCode });
  }
  t = read('agreements');
  for (const r of t.rows) {
    const n = partyPrograms.get(r.get('id'))?.size ?? 0;
    if (r.get('kind') === 'BILATERAL' ? n !== 2 : n < 2) fail(t, r, 'id', `${r.get('kind')} agreement has ${n} parties in agreement_parties.csv`);
  }

  // status periods
  t = read('statusPeriods');
  for (const r of t.rows) {
    const agreementId = required(t, r, 'agreement_id');
    if (!agreementIds.has(agreementId)) fail(t, r, 'agreement_id', `unknown agreement ${agreementId}`);
    const status = oneOf(t, r, 'status', AGREEMENT_STATUSES);
    const from = date(t, r, 'from');
    if (from === null) fail(t, r, 'from', 'required value is empty');
    const to = date(t, r, 'to');
    if (to !== null && to < from!) fail(t, r, 'to', `ends (${to}) before it starts (${from})`);
    const basis = oneOf(t, r, 'basis', STATUS_BASES);
    if (basis === 'ASSUMED_FROM_SIGNING' && !signedOnOf.get(agreementId)) fail(t, r, 'basis', 'ASSUMED_FROM_SIGNING but the agreement has no signed_on');
    data.statusPeriods.push({ agreementId, status, from: from!, to, basis, note: r.get('note') });
  }

  // recognitions
  const recognitionIds = new Set<string>();
  t = read('recognitions');
  for (const r of t.rows) {
    const id = required(t, r, 'id');
    unique(t, r, 'id', recognitionIds, id);
    const agreementId = required(t, r, 'agreement_id');
    if (!agreementIds.has(agreementId)) fail(t, r, 'agreement_id', `unknown agreement ${agreementId}`);
    const recognizer = required(t, r, 'recognizing_administration_code');
    if (!adminCodes.has(recognizer)) fail(t, r, 'recognizing_administration_code', `unknown administration ${recognizer}`);
    if (!partyAdmins.get(agreementId)?.has(recognizer)) fail(t, r, 'recognizing_administration_code', `${recognizer} is not a party to ${agreementId}`);
    const program = required(t, r, 'recognized_programme_code');
    if (!programAdmin.has(program)) fail(t, r, 'recognized_programme_code', `unknown programme ${program}`);
    if (!partyPrograms.get(agreementId)?.has(program)) fail(t, r, 'recognized_programme_code', `${program} is not a party programme of ${agreementId}`);
    if (programAdmin.get(program) === recognizer) fail(t, r, 'recognized_programme_code', `${recognizer} cannot recognise its own programme`);
    if (id !== `${agreementId}:${recognizer}<-${program}`) fail(t, r, 'id', `must be ${agreementId}:${recognizer}<-${program}`);
    const eligibleTiers = list(r, 'eligible_tiers');
    for (const tier of eligibleTiers) if (!tiersOf.get(program)?.has(tier)) fail(t, r, 'eligible_tiers', `unknown tier ${tier} of ${program}`);
    const coveredRoles = list(r, 'covered_roles');
    for (const role of coveredRoles) if (!(OPERATOR_ROLES as readonly string[]).includes(role)) fail(t, r, 'covered_roles', `unknown role ${role}`);
    const effectiveFrom = date(t, r, 'effective_from');
    const effectiveTo = date(t, r, 'effective_to');
    if (effectiveFrom && effectiveTo && effectiveTo < effectiveFrom) fail(t, r, 'effective_to', 'ends before it starts');
    const effectiveBasis = oneOf(t, r, 'effective_basis', EFFECTIVE_BASES);
    if ((effectiveFrom === null) !== (effectiveBasis === 'UNKNOWN')) fail(t, r, 'effective_basis', 'UNKNOWN if and only if effective_from is empty');
    const benefits = list(r, 'benefit_codes');
    const seenBenefits = new Set<string>();
    for (const b of benefits) {
      if (!benefitCodes.has(b)) fail(t, r, 'benefit_codes', `unknown benefit ${b}`);
      unique(t, r, 'benefit_codes', seenBenefits, b);
    }
    data.recognitions.push({
      id,
      agreementId,
      recognizingAdministrationCode: recognizer,
      recognizedProgramCode: program,
      eligibleTiers: eligibleTiers.join(' '),
      coveredRoles: coveredRoles.join(' '),
      effectiveFrom,
      effectiveTo,
      effectiveBasis,
      note: required(t, r, 'note'),
      benefitCodes: benefits,
    });
  }

  // benefit wording (scope = agreement id or recognising administration)
  const seenWording = new Set<string>();
  t = read('benefitWording');
  for (const r of t.rows) {
    const scope = required(t, r, 'scope');
    if (!agreementIds.has(scope) && !adminCodes.has(scope)) fail(t, r, 'scope', `unknown agreement or administration ${scope}`);
    const benefitCode = required(t, r, 'benefit_code');
    if (!benefitCodes.has(benefitCode)) fail(t, r, 'benefit_code', `unknown benefit ${benefitCode}`);
    unique(t, r, 'benefit_code', seenWording, `${scope}/${benefitCode}`);
    data.benefitWording.push({ scope, benefitCode, wording: required(t, r, 'wording'), source: required(t, r, 'source') });
  }

  // locations
  const locodes = new Set<string>();
  t = read('locations');
  for (const r of t.rows) {
    const locode = required(t, r, 'locode');
    if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(locode)) fail(t, r, 'locode', `"${locode}" is not a UN/LOCODE`);
    unique(t, r, 'locode', locodes, locode);
    const countryCode = required(t, r, 'country_code');
    if (!locode.startsWith(countryCode)) fail(t, r, 'country_code', `${countryCode} does not match ${locode}`);
    if (!countryOwner.has(countryCode)) fail(t, r, 'country_code', `${countryCode} is in no administration's countries`);
    data.locations.push({ locode, name: required(t, r, 'name'), countryCode });
  }
  // the verification ledger: subject = agreement id (SIGNED, IN_FORCE) or recognition id (EFFECTIVE_FROM)
  const seenFacts = new Set<string>();
  t = read('dateFacts');
  for (const r of t.rows) {
    const subject = required(t, r, 'subject');
    const fact = oneOf(t, r, 'fact', ['SIGNED', 'IN_FORCE', 'EFFECTIVE_FROM'] as const);
    if (fact === 'EFFECTIVE_FROM' ? !recognitionIds.has(subject) : !agreementIds.has(subject))
      fail(t, r, 'subject', `unknown ${fact === 'EFFECTIVE_FROM' ? 'recognition' : 'agreement'} ${subject}`);
    unique(t, r, 'fact', seenFacts, `${subject}/${fact}`);
    const value = date(t, r, 'value');
    const basis = required(t, r, 'basis');
    if ((value === null) !== (basis === 'UNKNOWN')) fail(t, r, 'basis', 'UNKNOWN if and only if value is empty');
    const level = r.get('verification_level');
    if (level !== '' && !(VERIFICATION_LEVELS as readonly string[]).includes(level))
      fail(t, r, 'verification_level', `"${level}" is not one of ${VERIFICATION_LEVELS.join(', ')}`);
    data.dateFacts.push({
      subject,
      fact,
      value,
      precision: required(t, r, 'precision'),
      basis,
      verificationLevel: level,
      sourceUrls: r.get('source_urls'),
      note: r.get('note'),
    });
  }

  // recognition conditions: subject = recognition id, agreement id or programme code
  t = read('conditions');
  for (const r of t.rows) {
    const subject = required(t, r, 'subject');
    if (!recognitionIds.has(subject) && !agreementIds.has(subject) && !programAdmin.has(subject))
      fail(t, r, 'subject', `unknown recognition, agreement or programme ${subject}`);
    data.conditions.push({
      subject,
      condition: oneOf(t, r, 'condition', RECOGNITION_CONDITION_KINDS),
      detail: required(t, r, 'detail'),
      verificationLevel: oneOf(t, r, 'verification_level', VERIFICATION_LEVELS),
      sourceUrls: urls(t, r, 'source_urls'),
    });
  }

  // customs-union membership over time
  const membershipIds = new Set<string>();
  t = read('memberships');
  for (const r of t.rows) {
    const id = required(t, r, 'id');
    unique(t, r, 'id', membershipIds, id);
    const unionAdministrationCode = required(t, r, 'union_administration_code');
    if (!adminCodes.has(unionAdministrationCode)) fail(t, r, 'union_administration_code', `unknown administration ${unionAdministrationCode}`);
    const countryCode = required(t, r, 'country_code');
    if (!/^[A-Z]{2}$/.test(countryCode)) fail(t, r, 'country_code', `"${countryCode}" is not an ISO 3166-1 alpha-2 code`);
    const from = date(t, r, 'from');
    const toCell = r.get('to');
    const toUnknown = toCell === '?';
    const to = toUnknown ? null : date(t, r, 'to');
    if (from && to && to <= from) fail(t, r, 'to', `ends (${to}) before it starts (${from})`);
    data.memberships.push({
      id,
      unionAdministrationCode,
      countryCode,
      from,
      to,
      toUnknown,
      note: required(t, r, 'note'),
      sourceUrls: urls(t, r, 'source_urls'),
      verification: required(t, r, 'verification'),
    });
  }

  // register coverage: an administration's arrangements recorded completely as of a date (checked against its own list)
  const covered = new Set<string>();
  t = read('registerCoverage');
  for (const r of t.rows) {
    const administrationCode = required(t, r, 'administration_code');
    if (!adminCodes.has(administrationCode)) fail(t, r, 'administration_code', `unknown administration ${administrationCode}`);
    unique(t, r, 'administration_code', covered, administrationCode);
    const completeAsOf = date(t, r, 'complete_as_of');
    if (completeAsOf === null) fail(t, r, 'complete_as_of', 'a coverage row needs the date its list was checked as of');
    data.registerCoverage.push({
      administrationCode,
      completeAsOf: completeAsOf!,
      verificationLevel: oneOf(t, r, 'verification_level', VERIFICATION_LEVELS),
      sourceUrls: urls(t, r, 'source_urls'),
      note: required(t, r, 'note'),
    });
  }

  const located = new Set(data.locations.map((l) => countryOwner.get(l.countryCode)));
  t = read('administrations');
  for (const r of t.rows) if (!located.has(r.get('code'))) fail(t, r, 'code', 'no location in locations.csv for this administration');

  return data;
}

// ---------------------------------------------------------------- inserting

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Rows per createMany: keeps every statement well under SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK_SIZE = 500;

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_SIZE) await insert(rows.slice(i, i + CHUNK_SIZE));
}

async function insertRegistry(tx: Tx, data: SeedData): Promise<void> {
  await insertAll(data.administrations, (c) => tx.administration.createMany({ data: c }));
  await insertAll(data.programs, (c) => tx.program.createMany({ data: c }));
  await insertAll(data.tiers, (c) => tx.programTier.createMany({ data: c }));
  await insertAll(data.roles, (c) => tx.programRole.createMany({ data: c }));
  await insertAll(data.benefits, (c) => tx.benefit.createMany({ data: c }));
  await insertAll(data.agreements, (c) => tx.agreement.createMany({ data: c }));
  await insertAll(data.parties, (c) => tx.agreementParty.createMany({ data: c }));
  await insertAll(data.statusPeriods, (c) => tx.agreementStatusPeriod.createMany({ data: c }));
  await insertAll(
    data.recognitions.map(({ benefitCodes: _b, ...rec }) => rec),
    (c) => tx.recognition.createMany({ data: c }),
  );
  const wording = new Map(data.benefitWording.map((w) => [`${w.scope}/${w.benefitCode}`, w]));
  const recognitionBenefits = data.recognitions.flatMap((rec) =>
    rec.benefitCodes.map((benefitCode) => {
      const w = wording.get(`${rec.agreementId}/${benefitCode}`) ?? wording.get(`${rec.recognizingAdministrationCode}/${benefitCode}`);
      const detail = w
        ? `${w.source}: "${w.wording}"`
        : `Generic MRA benefit assumed for ${rec.recognizingAdministrationCode}: programme-specific wording not found in the sources`;
      return { recognitionId: rec.id, benefitCode, detail };
    }),
  );
  await insertAll(recognitionBenefits, (c) => tx.recognitionBenefit.createMany({ data: c }));
  await insertAll(data.locations, (c) => tx.location.createMany({ data: c }));
  await insertAll(data.dateFacts, (c) => tx.dateFact.createMany({ data: c }));
  await insertAll(data.conditions, (c) => tx.recognitionCondition.createMany({ data: c }));
  await insertAll(data.memberships, (c) => tx.customsUnionMembership.createMany({ data: c }));
  await insertAll(data.registerCoverage, (c) => tx.registerCoverage.createMany({ data: c }));
}

/** The importing administration of a destination country on a date (customs-union membership over time). */
export function importerOn(data: SeedData, countryCode: string, date: string): string | null {
  const memberships: UnionMembership[] = data.memberships;
  const administrations = data.administrations.map((a) => ({ code: a.code, jurisdiction: a.jurisdiction, countries: a.countries.split(' ') }));
  return importingAdministrationOn({ countryCode, date, memberships, administrations }).code;
}

interface GoodsRow {
  shipmentReference: string;
  lineNumber: number;
  hsCode: string;
  description: string;
  quantity: number;
  unit: string;
  grossMassKg: number;
}

interface ConsentRow {
  certificationId: string;
  status: string;
  effectiveOn: string;
  partnerAdministrationCode: string | null;
  recordedAt: string;
  recordedBy: string;
  note: string;
}

/**
 * Synthetic consent to data exchange for EU AEO certifications (the EU requires it for MRA benefits): given on
 * the certification date for 9 in 10, none recorded for the rest (their answers abroad are then UNDETERMINED).
 * Derived from the certification id, not from the random sequence, so the rest of the population is unchanged.
 */
function syntheticConsent(certificationId: string, programCode: string, certifiedOn: string): ConsentRow | null {
  if (programCode !== 'EU-AEO') return null;
  let h = 0;
  for (let i = 0; i < certificationId.length; i++) h = (h * 31 + certificationId.charCodeAt(i)) >>> 0;
  if (h % 10 === 0) return null;
  return {
    certificationId,
    status: 'GIVEN',
    effectiveOn: certifiedOn,
    partnerAdministrationCode: null,
    recordedAt: `${certifiedOn}T09:00:00.000Z`,
    recordedBy: 'seed',
    note: 'Consent to the exchange of AEO data with MRA partners given in the application (synthetic)',
  };
}

interface EventRow {
  certificationId: string;
  type: string;
  effectiveOn: string;
  recordedAt: string;
  recordedBy: string;
  statusBefore: string | null;
  tierBefore: string | null;
  validUntilBefore: string | null;
  statusAfter: string;
  tierAfter: string | null;
  validUntilAfter: string | null;
  reason: string;
}

/** One event row; `previous` is the certification's preceding event (its state after is this one's state before). */
function eventRow(certificationId: string, e: SimEvent | DemoEvent, previous?: SimEvent | DemoEvent): EventRow {
  return {
    certificationId,
    type: e.type,
    effectiveOn: e.effectiveOn,
    recordedAt: `${e.effectiveOn}T09:00:00.000Z`,
    recordedBy: 'seed',
    statusBefore: previous?.statusAfter ?? null,
    tierBefore: previous?.tierAfter ?? null,
    validUntilBefore: previous?.validUntilAfter ?? null,
    statusAfter: e.statusAfter,
    tierAfter: e.tierAfter,
    validUntilAfter: e.validUntilAfter,
    reason: e.reason,
  };
}

async function insertDemo(tx: Tx, data: SeedData): Promise<{ operators: number; certifications: number; shipments: number }> {
  const adminOfCountry = countryOwners(data);
  const programs = new Map(data.programs.map((p) => [p.code, p]));
  const tiers = new Set(data.tiers.map((x) => `${x.programCode}/${x.code}`));
  const consents: ConsentRow[] = [];
  const operators = [],
    roles = [],
    identifiers = [],
    certifications = [],
    events: EventRow[] = [];
  for (const op of DEMO_OPERATORS) {
    if (adminOfCountry.get(op.countryCode) !== op.administrationCode)
      throw new Error(`demo operator ${op.id}: ${op.countryCode} is not in ${op.administrationCode}`);
    operators.push({ id: op.id, name: op.name, countryCode: op.countryCode, address: op.address, administrationCode: op.administrationCode, synthetic: false });
    for (const role of op.roles) {
      if (!(OPERATOR_ROLES as readonly string[]).includes(role)) throw new Error(`demo operator ${op.id}: unknown role ${role}`);
      roles.push({ operatorId: op.id, role });
    }
    for (const id of op.identifiers) identifiers.push({ operatorId: op.id, ...id });
    if (op.certification) {
      const c = op.certification;
      if (programs.get(c.programCode)?.administrationCode !== op.administrationCode)
        throw new Error(`demo operator ${op.id}: ${c.programCode} is not run by ${op.administrationCode}`);
      const last = c.events[c.events.length - 1];
      const certificationId = `CERT-${op.id}`;
      c.events.forEach((e, k) => {
        if (e.tierAfter && !tiers.has(`${c.programCode}/${e.tierAfter}`)) throw new Error(`demo operator ${op.id}: unknown tier ${e.tierAfter}`);
        events.push(eventRow(certificationId, e, c.events[k - 1]));
      });
      for (const consent of c.consents ?? []) {
        consents.push({
          certificationId,
          status: consent.status,
          effectiveOn: consent.effectiveOn,
          partnerAdministrationCode: consent.partner ?? null,
          recordedAt: `${consent.effectiveOn}T09:00:00.000Z`,
          recordedBy: 'seed',
          note: consent.note,
        });
      }
      certifications.push({
        id: certificationId,
        operatorId: op.id,
        programCode: c.programCode,
        tierCode: last.tierAfter,
        status: last.statusAfter,
        certificateNumber: c.certificateNumber,
        certifiedOn: c.events[0].effectiveOn,
        validUntil: last.validUntilAfter,
      });
    }
  }
  const locations = new Map(data.locations.map((l) => [l.locode, l]));
  const shipments = [];
  const goods: GoodsRow[] = [];
  for (const s of DEMO_SHIPMENTS) {
    const origin = locations.get(s.originLocode),
      destination = locations.get(s.destinationLocode);
    if (!origin || !destination) throw new Error(`demo shipment ${s.reference}: unknown location`);
    shipments.push({
      reference: s.reference,
      consignorId: s.consignorId,
      consigneeId: s.consigneeId,
      carrierId: null,
      originLocode: s.originLocode,
      destinationLocode: s.destinationLocode,
      exportingAdministrationCode: importerOn(data, origin.countryCode, s.departedOn) ?? adminOfCountry.get(origin.countryCode)!,
      // The administration controlling imports into the destination on the date that counts (GB was in the EU customs union until 2020-12-31).
      importingAdministrationCode:
        importerOn(data, destination.countryCode, s.importDeclaredOn ?? s.arrivedOn ?? s.departedOn) ?? adminOfCountry.get(destination.countryCode)!,
      departedOn: s.departedOn,
      arrivedOn: s.arrivedOn,
      importDeclaredOn: s.importDeclaredOn ?? null,
      partnerAeoId: s.partnerAeoId ?? null,
      shipperIdentifier: s.shipperIdentifier ?? null,
      synthetic: false,
    });
    s.goods.forEach((g, k) => goods.push({ shipmentReference: s.reference, lineNumber: k + 1, ...g }));
  }
  await insertAll(operators, (c) => tx.operator.createMany({ data: c }));
  await insertAll(roles, (c) => tx.operatorRole.createMany({ data: c }));
  await insertAll(identifiers, (c) => tx.operatorIdentifier.createMany({ data: c }));
  await insertAll(certifications, (c) => tx.certification.createMany({ data: c }));
  await insertAll(events, (c) => tx.certificationEvent.createMany({ data: c }));
  await insertAll(consents, (c) => tx.dataExchangeConsent.createMany({ data: c }));
  await insertAll(shipments, (c) => tx.shipment.createMany({ data: c }));
  await insertAll(goods, (c) => tx.goodsLine.createMany({ data: c }));
  return { operators: operators.length, certifications: certifications.length, shipments: shipments.length };
}

// ---------------------------------------------------------------- synthetic operators and certifications

/** What the shipment generator needs to know about each synthetic operator (kept in memory; small). */
interface OperatorSummary {
  id: string;
  countryCode: string;
  administrationCode: string;
  programCode: string | null;
  roles: string[];
  certified: boolean;
}

interface Population {
  operators: OperatorSummary[];
  certifications: number;
}

/** Weight of each administration in the synthetic population; others get SMALL/INFERRED weights. */
const ADMIN_WEIGHTS: Record<string, number> = { 'KR-KCS': 14, 'US-CBP': 12, 'EU-TAXUD': 14, 'JP-JCTB': 7, 'CN-GACC': 7 };
const SOURCED_ADMIN_WEIGHT = 1.2;
const INFERRED_ADMIN_WEIGHT = 0.4;
const COUNTRY_WEIGHTS: Record<string, number> = { DE: 10, NL: 6, FR: 6, IT: 6, ES: 4, BE: 4, PL: 3, SE: 2, AT: 2, IE: 2, CZ: 2, DK: 2 };
const ROLE_WEIGHTS: Record<string, number> = { EXPORTER: 6, IMPORTER: 6, MANUFACTURER: 5 };
/** Roles assumed for synthetic operators of programmes whose roles the sources leave open ("?"). */
const FALLBACK_ROLES = ['EXPORTER', 'IMPORTER', 'MANUFACTURER'];
const CERTIFIED_SHARE = 0.85;
const CERTIFIED_FROM = '2009-01-01';
const CERTIFIED_UNTIL = '2024-12-31';
/** C-TPAT admitted exporters on 2015-05-17 (programmes.csv). */
const CTPAT_EXPORTERS_FROM = '2015-05-17';

/** Validity in years of a certificate granted or renewed on `on`; null = no fixed validity period. */
export function validityYears(programCode: string, on: string): number | null {
  if (programCode === 'KR-AEO') return on < '2017-01-01' ? 3 : 5; // 3 years in 2009 KCS pages, 5 years in 2017+ KCS press
  if (programCode === 'MX-NEEC') return 1; // "certification valid one year (COMCEC box)"
  return null;
}

/** A tier may be granted on a date (MX OEA from 2016; BR OEA-P name abolished 2023). */
function tierAllowed(programCode: string, tier: string, on: string): boolean {
  if (programCode === 'MX-NEEC' && tier === 'OEA') return on >= '2016-01-01';
  if (programCode === 'BR-OEA' && tier === 'OEA-P') return on < '2023-01-01';
  return true;
}

/**
 * Earliest date a synthetic certification of the programme may have: launched_on; else the first date in the
 * launch note (preferring the one after "full", "formal" or "launch"), resolved to the first day after its
 * month or year; else the earliest signing date of an agreement the programme is party to (it existed then).
 */
export function certificationFloor(data: SeedData, programCode: string): string | null {
  const p = data.programs.find((x) => x.code === programCode);
  if (!p) return null;
  if (p.launchedOn) return p.launchedOn;
  const keyword = /\b(?:full|fully operational|formal|launch)\b[^0-9;]*?(?<![\d-])(\d{4}(?:-\d{2}){0,2})(?![\d])/i.exec(p.launchNote);
  const first = /(?<![\d./-]|pre-)(\d{4}(?:-\d{2}){0,2})(?![\d])/.exec(p.launchNote);
  const token = keyword?.[1] ?? first?.[1];
  if (token) return periodEnd(token);
  const agreements = new Set(data.parties.filter((x) => x.programCode === programCode).map((x) => x.agreementId));
  const signed = data.agreements
    .filter((a) => agreements.has(a.id) && a.signedOn)
    .map((a) => a.signedOn!)
    .sort();
  return signed[0] ?? null;
}

/** "2012-07" -> 2012-08-01, "2015" -> 2016-01-01, a full date stays as it is. */
function periodEnd(token: string): string {
  const [y, m, d] = token.split('-').map(Number);
  if (d) return token;
  if (m) return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1, 2)}-01`;
  return `${y + 1}-01-01`;
}

const NAME_WORDS = [
  'Apex',
  'Harbor',
  'Summit',
  'Meridian',
  'Orchid',
  'Cobalt',
  'Granite',
  'Lumen',
  'Vector',
  'Aurora',
  'Cedar',
  'Falcon',
  'Keystone',
  'Lotus',
  'Pioneer',
  'Sterling',
  'Horizon',
  'Crescent',
  'Northstar',
  'Bluewave',
  'Silverline',
  'Redwood',
  'Jade',
  'Coral',
  'Onyx',
  'Quartz',
  'Willow',
  'Zenith',
  'Beacon',
  'Polaris',
  'Sunrise',
  'Tidewater',
  'Evermore',
  'Highland',
  'Ironbridge',
  'Greenfield',
];
const INDUSTRY_WORDS = [
  'Electronics',
  'Precision',
  'Textiles',
  'Chemicals',
  'Machinery',
  'Foods',
  'Auto Parts',
  'Semiconductor',
  'Polymers',
  'Steel',
  'Pharma',
  'Furniture',
  'Apparel',
  'Optics',
  'Components',
  'Materials',
  'Instruments',
  'Appliances',
];
const ROLE_WORDS: Record<string, string[]> = {
  CARRIER: ['Shipping', 'Lines', 'Air Cargo', 'Trucking'],
  FREIGHT_FORWARDER: ['Forwarding', 'Freight'],
  CUSTOMS_BROKER: ['Customs Brokerage', 'Customs Services'],
  WAREHOUSE_OPERATOR: ['Warehousing', 'Bonded Storage'],
  PORT_OPERATOR: ['Terminals', 'Port Services'],
  LOGISTICS_PROVIDER: ['Logistics', 'Supply Chain'],
};
const LEGAL_FORMS: Record<string, string> = {
  KR: 'Co., Ltd.',
  JP: 'K.K.',
  CN: 'Co., Ltd.',
  TW: 'Co., Ltd.',
  HK: 'Limited',
  US: 'Inc.',
  CA: 'Inc.',
  DE: 'GmbH',
  AT: 'GmbH',
  NL: 'B.V.',
  BE: 'NV',
  FR: 'SAS',
  IT: 'S.p.A.',
  ES: 'S.L.',
  PT: 'Lda.',
  PL: 'Sp. z o.o.',
  SE: 'AB',
  DK: 'A/S',
  FI: 'Oy',
  GB: 'Ltd',
  IE: 'Ltd',
  BR: 'Ltda.',
  MX: 'S.A. de C.V.',
  PE: 'S.A.C.',
  CO: 'S.A.S.',
  CL: 'SpA',
  IN: 'Pvt Ltd',
  AU: 'Pty Ltd',
  NZ: 'Limited',
  CH: 'AG',
  SG: 'Pte. Ltd.',
  MY: 'Sdn. Bhd.',
  ID: 'PT',
  TH: 'Co., Ltd.',
  VN: 'JSC',
  TR: 'A.S.',
  RU: 'OOO',
};
const STREETS = [
  'Harbour Road',
  'Industrial Avenue',
  'Logistics Park',
  'Trade Street',
  'Port Boulevard',
  'Commerce Way',
  'Export Drive',
  'Free Zone Road',
  'Terminal Street',
  'Factory Lane',
];
const SUSPENSION_REASONS = [
  'Security finding in a post-authorisation audit (synthetic)',
  'Record-keeping non-compliance found in a monitoring visit (synthetic)',
  'Supply-chain partner failed a security check (synthetic)',
];

async function insertSyntheticOperators(tx: Tx, data: SeedData, count: number, seed: number): Promise<Population> {
  const rng = mulberry32(seed);
  const programOf = new Map<string, string>();
  for (const p of data.programs) if (!programOf.has(p.administrationCode)) programOf.set(p.administrationCode, p.code);
  const rolesOf = groupBy(
    data.roles,
    (r) => r.programCode,
    (r) => r.role,
  );
  const tiersOf = groupBy(
    [...data.tiers].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code)),
    (x) => x.programCode,
    (x) => x.code,
  );
  const floors = new Map(data.programs.map((p) => [p.code, certificationFloor(data, p.code)]));
  const cityOf = groupBy(
    data.locations,
    (l) => l.countryCode,
    (l) => l.name,
  );
  const admins = data.administrations.map((a) => ({
    code: a.code,
    countries: a.countries.split(' '),
    weight: ADMIN_WEIGHTS[a.code] ?? (a.verification.startsWith('partial (administration inferred') ? INFERRED_ADMIN_WEIGHT : SOURCED_ADMIN_WEIGHT),
  }));
  const pickAdmin = weightedPicker(admins.map((a) => a.weight));
  const countrySeq = new Map<string, number>();
  const certSeq = new Map<string, number>();
  const usedIdentifiers = new Set<string>(DEMO_OPERATORS.flatMap((o) => o.identifiers.map((i) => `${i.scheme}:${i.value}`)));
  const summaries: OperatorSummary[] = [];
  let certifications = 0;

  for (let start = 0; start < count; start += CHUNK_SIZE) {
    const operators = [],
      roles = [],
      certs = [],
      events: EventRow[] = [],
      consents: ConsentRow[] = [];
    const identifiers: { operatorId: string; scheme: string; value: string }[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK_SIZE); i++) {
      const admin = admins[pickAdmin(rng)];
      const countryCode =
        admin.countries.length === 1 ? admin.countries[0] : admin.countries[weightedPicker(admin.countries.map((c) => COUNTRY_WEIGHTS[c] ?? 1))(rng)];
      const seq = (countrySeq.get(countryCode) ?? 0) + 1;
      countrySeq.set(countryCode, seq);
      const id = `OP-${countryCode}-${pad(seq, 6)}`;
      const programCode = programOf.get(admin.code) ?? null;
      const candidates = (programCode && rolesOf.get(programCode)) || FALLBACK_ROLES;
      const opRoles = pickRoles(rng, candidates);

      const lead = opRoles.find((r) => ROLE_WORDS[r]);
      const word1 = pick(rng, NAME_WORDS);
      const word2 = lead ? pick(rng, ROLE_WORDS[lead]) : pick(rng, INDUSTRY_WORDS);
      const name = `${word1} ${word2} ${LEGAL_FORMS[countryCode] ?? 'Ltd.'} (synthetic)`;
      const city = pick(rng, cityOf.get(countryCode) ?? [countryCode]);
      const streetNumber = 1 + Math.floor(rng() * 2000);
      const address = `${streetNumber} ${pick(rng, STREETS)}, ${city}`;
      operators.push({ id, name, countryCode, address, administrationCode: admin.code, synthetic: true });
      for (const role of opRoles) roles.push({ operatorId: id, role });

      const addIdentifier = (scheme: string, make: () => string) => {
        for (let attempt = 0; attempt < 20; attempt++) {
          const value = make();
          if (!usedIdentifiers.has(`${scheme}:${value}`)) {
            usedIdentifiers.add(`${scheme}:${value}`);
            identifiers.push({ operatorId: id, scheme, value });
            return value;
          }
        }
        return null;
      };

      // certification
      let certified = false;
      let certificateNumber: string | null = null;
      const floor0 = programCode ? (floors.get(programCode) ?? null) : null;
      if (programCode && floor0 && rng() < CERTIFIED_SHARE) {
        let floor = maxDate(floor0, CERTIFIED_FROM);
        if (programCode === 'US-CTPAT' && opRoles.every((r) => r === 'EXPORTER' || r === 'MANUFACTURER')) floor = maxDate(floor, CTPAT_EXPORTERS_FROM);
        if (floor <= CERTIFIED_UNTIL) {
          const certifiedOn = randomDate(rng, floor, CERTIFIED_UNTIL);
          const year = certifiedOn.slice(0, 4);
          const n = (certSeq.get(`${programCode}/${year}`) ?? 0) + 1;
          certSeq.set(`${programCode}/${year}`, n);
          certificateNumber = `${programCode}-${year}-${pad(n, 6)}`;
          const certificationId = `CERT-${id}`;
          const history = simulateCertification(rng, programCode, tiersOf.get(programCode) ?? [], opRoles, certifiedOn);
          history.forEach((e, k) => events.push(eventRow(certificationId, e, history[k - 1])));
          const last = history[history.length - 1];
          certs.push({
            id: certificationId,
            operatorId: id,
            programCode,
            tierCode: last.tierAfter,
            status: last.statusAfter,
            certificateNumber,
            certifiedOn,
            validUntil: last.validUntilAfter,
          });
          const consent = syntheticConsent(certificationId, programCode, certifiedOn);
          if (consent) consents.push(consent);
          certified = true;
          certifications++;
        }
      }

      // identifiers (scheme names uppercase; formats as described in the domain report, values synthetic)
      if (admin.code === 'EU-TAXUD' || countryCode === 'GB') addIdentifier('EORI', () => countryCode + digits(rng, 12));
      if (countryCode === 'US') {
        addIdentifier('EIN', () => `${digits(rng, 2)}-${digits(rng, 7)}`);
        if (certified) addIdentifier('CTPAT_ACCOUNT', () => String(10_000_000 + Math.floor(rng() * 80_000_000)));
      }
      if (countryCode === 'KR' && certified) addIdentifier('KR_AEO_NO', () => certificateNumber!);
      if (countryCode === 'CN') addIdentifier('CN_CUSTOMS', () => 'CN' + digits(rng, 10));
      if (countryCode === 'JP' && certified) addIdentifier('JP_AEO', () => digits(rng, 14));
      if (countryCode === 'BR') addIdentifier('CNPJ', () => digits(rng, 8) + '0001' + digits(rng, 2));
      if (countryCode !== 'US' && opRoles.some((r) => r === 'MANUFACTURER' || r === 'EXPORTER')) {
        let n = streetNumber;
        addIdentifier('MID', () => manufacturerId(countryCode, name, n++, city));
      }
      summaries.push({ id, countryCode, administrationCode: admin.code, programCode, roles: opRoles, certified });
    }
    await tx.operator.createMany({ data: operators });
    await insertAll(roles, (c) => tx.operatorRole.createMany({ data: c }));
    await insertAll(identifiers, (c) => tx.operatorIdentifier.createMany({ data: c }));
    if (certs.length) await tx.certification.createMany({ data: certs });
    await insertAll(events, (c) => tx.certificationEvent.createMany({ data: c }));
    await insertAll(consents, (c) => tx.dataExchangeConsent.createMany({ data: c }));
  }
  return { operators: summaries, certifications };
}

/** CBP's manufacturer ID: country, first 3 letters of the first two name words, up to 4 digits of the street number, first 3 letters of the city. */
function manufacturerId(country: string, name: string, streetNumber: number, city: string): string {
  const words = name
    .replace(/\(synthetic\)/, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter((w) => w.length > 0 && !['THE', 'A', 'AN'].includes(w));
  const cityLetters = city
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 3);
  return `${country}${(words[0] ?? '').slice(0, 3)}${(words[1] ?? '').slice(0, 3)}${String(streetNumber).slice(0, 4)}${cityLetters}`;
}

interface SimEvent {
  type: string;
  effectiveOn: string;
  statusAfter: string;
  tierAfter: string | null;
  validUntilAfter: string | null;
  reason: string;
}

/** A plausible event history: renewals at expiry (most), a tier change (some), suspensions, reinstatements, revocations (few). */
function simulateCertification(rng: () => number, programCode: string, tiers: string[], roles: string[], certifiedOn: string): SimEvent[] {
  let usable = tiers.filter((x) => tierAllowed(programCode, x, certifiedOn));
  if (programCode === 'IN-AEO') {
    const trader = roles.includes('IMPORTER') || roles.includes('EXPORTER');
    usable = usable.filter((x) => (x === 'LO') !== trader);
  }
  let tier: string | null = usable.length ? usable[weightedPicker(usable.map((_, k) => Math.max(1, 3 - k)))(rng)] : null;
  let status = 'CERTIFIED';
  const years = validityYears(programCode, certifiedOn);
  let validUntil: string | null = years ? addYears(certifiedOn, years) : null;
  const events: SimEvent[] = [
    {
      type: 'CERTIFIED',
      effectiveOn: certifiedOn,
      statusAfter: status,
      tierAfter: tier,
      validUntilAfter: validUntil,
      reason: `Authorised after validation${tier ? `, tier ${tier}` : ''} (synthetic)`,
    },
  ];

  // planned changes, applied in date order if still possible then
  const planned: { on: string; type: string }[] = [];
  const from = addDays(certifiedOn, 90);
  if (from < SEED_AS_OF) {
    if (tier && tiers.length > 1 && rng() < 0.15)
      planned.push({ on: randomDate(rng, addDays(certifiedOn, 180) < SEED_AS_OF ? addDays(certifiedOn, 180) : from, SEED_AS_OF), type: 'TIER_CHANGED' });
    const fate = rng();
    if (fate < 0.12) {
      const suspended = randomDate(rng, from, SEED_AS_OF);
      planned.push({ on: suspended, type: 'SUSPENDED' });
      const after = addDays(suspended, 30 + Math.floor(rng() * 240));
      if (fate < 0.05 && after <= SEED_AS_OF) planned.push({ on: after, type: 'REINSTATED' });
      else if (fate >= 0.09 && after <= SEED_AS_OF) planned.push({ on: after, type: 'REVOKED' });
    } else if (fate < 0.14) {
      planned.push({ on: randomDate(rng, from, SEED_AS_OF), type: 'REVOKED' });
    }
  }
  planned.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

  let lapsed = false;
  const renewUntil = (limit: string) => {
    while (!lapsed && validUntil && validUntil <= limit && validUntil <= SEED_AS_OF && status !== 'REVOKED') {
      if (status !== 'CERTIFIED' || rng() < 0.08) {
        lapsed = true;
        return;
      } // not renewed: expires
      const on = validUntil;
      validUntil = addYears(on, validityYears(programCode, on)!);
      events.push({
        type: 'RENEWED',
        effectiveOn: on,
        statusAfter: status,
        tierAfter: tier,
        validUntilAfter: validUntil,
        reason: `Renewed after re-assessment until ${validUntil} (synthetic)`,
      });
    }
  };
  for (const p of planned) {
    renewUntil(p.on);
    if (lapsed || status === 'REVOKED') break;
    if (p.on <= events[events.length - 1].effectiveOn) continue;
    if (p.type === 'TIER_CHANGED' && status === 'CERTIFIED' && tier) {
      const k = tiers.indexOf(tier);
      const options = [tiers[k + 1], tiers[k - 1]].filter(
        (x): x is string => !!x && tierAllowed(programCode, x, p.on) && !(programCode === 'IN-AEO' && (x === 'LO') !== (tier === 'LO')),
      );
      if (!options.length) continue;
      const next = options[0];
      events.push({
        type: 'TIER_CHANGED',
        effectiveOn: p.on,
        statusAfter: status,
        tierAfter: next,
        validUntilAfter: validUntil,
        reason: `Re-graded from ${tier} to ${next} after re-assessment (synthetic)`,
      });
      tier = next;
    } else if (p.type === 'SUSPENDED' && status === 'CERTIFIED') {
      status = 'SUSPENDED';
      events.push({
        type: 'SUSPENDED',
        effectiveOn: p.on,
        statusAfter: status,
        tierAfter: tier,
        validUntilAfter: validUntil,
        reason: pick(rng, SUSPENSION_REASONS),
      });
    } else if (p.type === 'REINSTATED' && status === 'SUSPENDED') {
      status = 'CERTIFIED';
      events.push({
        type: 'REINSTATED',
        effectiveOn: p.on,
        statusAfter: status,
        tierAfter: tier,
        validUntilAfter: validUntil,
        reason: 'Corrective actions accepted (synthetic)',
      });
    } else if (p.type === 'REVOKED') {
      const reason =
        status === 'SUSPENDED' ? 'Corrective actions not completed within the deadline (synthetic)' : 'Revoked: criteria no longer met (synthetic)';
      status = 'REVOKED';
      events.push({ type: 'REVOKED', effectiveOn: p.on, statusAfter: status, tierAfter: tier, validUntilAfter: validUntil, reason });
    }
  }
  renewUntil(SEED_AS_OF);
  return events;
}

// ---------------------------------------------------------------- synthetic shipments

const HS_CATALOGUE: { hs: string; description: string; unit: 'PCS' | 'KGM' | 'CTN'; kgPerUnit: number }[] = [
  { hs: '850440', description: 'Static converters (power supply units)', unit: 'PCS', kgPerUnit: 2.6 },
  { hs: '854231', description: 'Electronic integrated circuits: processors and controllers', unit: 'PCS', kgPerUnit: 0.02 },
  { hs: '847130', description: 'Portable automatic data-processing machines', unit: 'PCS', kgPerUnit: 2.4 },
  { hs: '851762', description: 'Machines for the reception and transmission of voice, images or data', unit: 'PCS', kgPerUnit: 0.8 },
  { hs: '870899', description: 'Parts and accessories of motor vehicles', unit: 'KGM', kgPerUnit: 1.05 },
  { hs: '840991', description: 'Parts for spark-ignition engines', unit: 'PCS', kgPerUnit: 3.2 },
  { hs: '390120', description: 'Polyethylene, specific gravity 0.94 or more, in primary forms', unit: 'KGM', kgPerUnit: 1.02 },
  { hs: '291736', description: 'Terephthalic acid and its salts', unit: 'KGM', kgPerUnit: 1.03 },
  { hs: '300490', description: 'Medicaments, packaged for retail sale', unit: 'CTN', kgPerUnit: 6.5 },
  { hs: '330499', description: 'Beauty or make-up and skin-care preparations', unit: 'CTN', kgPerUnit: 5.2 },
  { hs: '610910', description: 'T-shirts and singlets of cotton, knitted', unit: 'CTN', kgPerUnit: 12 },
  { hs: '620342', description: "Men's trousers of cotton", unit: 'CTN', kgPerUnit: 14 },
  { hs: '540752', description: 'Woven fabrics of synthetic filament yarn, dyed', unit: 'KGM', kgPerUnit: 1.04 },
  { hs: '640399', description: 'Footwear with uppers of leather', unit: 'CTN', kgPerUnit: 10 },
  { hs: '720839', description: 'Flat-rolled iron or non-alloy steel, hot-rolled, in coils', unit: 'KGM', kgPerUnit: 1.0 },
  { hs: '730890', description: 'Structures and parts of structures of iron or steel', unit: 'KGM', kgPerUnit: 1.02 },
  { hs: '760612', description: 'Aluminium alloy plates and sheets', unit: 'KGM', kgPerUnit: 1.02 },
  { hs: '847989', description: 'Machines and mechanical appliances having individual functions, n.e.s.', unit: 'PCS', kgPerUnit: 420 },
  { hs: '848180', description: 'Taps, cocks, valves and similar appliances', unit: 'PCS', kgPerUnit: 1.6 },
  { hs: '901890', description: 'Medical, surgical or veterinary instruments and appliances', unit: 'PCS', kgPerUnit: 0.9 },
  { hs: '940360', description: 'Wooden furniture', unit: 'PCS', kgPerUnit: 28 },
  { hs: '950300', description: 'Toys, scale models and puzzles', unit: 'CTN', kgPerUnit: 7.5 },
  { hs: '090111', description: 'Coffee, not roasted, not decaffeinated', unit: 'KGM', kgPerUnit: 1.01 },
  { hs: '080810', description: 'Apples, fresh', unit: 'KGM', kgPerUnit: 1.08 },
  { hs: '030617', description: 'Frozen shrimps and prawns', unit: 'KGM', kgPerUnit: 1.1 },
  { hs: '020230', description: 'Frozen boneless meat of bovine animals', unit: 'KGM', kgPerUnit: 1.05 },
  { hs: '040221', description: 'Milk powder, fat content over 1.5%, unsweetened', unit: 'KGM', kgPerUnit: 1.03 },
  { hs: '220421', description: 'Wine of fresh grapes in containers of 2 litres or less', unit: 'CTN', kgPerUnit: 16 },
  { hs: '271019', description: 'Lubricating oils and medium petroleum oils', unit: 'KGM', kgPerUnit: 1.06 },
  { hs: '401110', description: 'New pneumatic tyres of rubber, for motor cars', unit: 'PCS', kgPerUnit: 9.5 },
  { hs: '854143', description: 'Photovoltaic cells assembled in modules', unit: 'PCS', kgPerUnit: 22 },
  { hs: '850760', description: 'Lithium-ion accumulators', unit: 'PCS', kgPerUnit: 0.6 },
  { hs: '852872', description: 'Colour television receivers', unit: 'PCS', kgPerUnit: 16 },
  { hs: '841810', description: 'Combined refrigerator-freezers', unit: 'PCS', kgPerUnit: 72 },
  { hs: '870323', description: 'Motor cars, spark-ignition, cylinder capacity 1,500-3,000 cc', unit: 'PCS', kgPerUnit: 1450 },
  { hs: '392690', description: 'Other articles of plastics', unit: 'CTN', kgPerUnit: 8 },
];
const SHIPMENTS_FROM = '2008-01-01';
const SHIPMENTS_UNTIL = '2026-10-31';

async function insertSyntheticShipments(
  tx: Tx,
  data: SeedData,
  population: Population,
  count: number,
  seed: number,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const ops = population.operators;
  if (count === 0 || ops.length === 0) {
    onProgress?.(0, count);
    return 0;
  }
  const rng = mulberry32((seed ^ 0x5eed5eed) >>> 0); // own stream: operators do not depend on the shipment count
  const adminOfCountry = countryOwners(data);
  const locationsOfCountry = groupBy(
    data.locations,
    (l) => l.countryCode,
    (l) => l,
  );
  const locationsOfAdmin = groupBy(
    data.locations,
    (l) => adminOfCountry.get(l.countryCode)!,
    (l) => l,
  );
  const isShipper = (o: OperatorSummary) => o.roles.includes('EXPORTER') || o.roles.includes('MANUFACTURER');
  const certifiedShippers = ops.filter((o) => o.certified && isShipper(o));
  const shippers = ops.filter(isShipper);
  const carriers = ops.filter((o) => o.roles.includes('CARRIER'));
  const opsOfAdmin = groupBy(
    ops,
    (o) => o.administrationCode,
    (o) => o,
  );
  const importersOfAdmin = groupBy(
    ops.filter((o) => o.roles.includes('IMPORTER')),
    (o) => o.administrationCode,
    (o) => o,
  );
  const recognizersOf = groupBy(
    data.recognitions.filter((r) => opsOfAdmin.has(r.recognizingAdministrationCode)),
    (r) => r.recognizedProgramCode,
    (r) => r.recognizingAdministrationCode,
  );
  if (opsOfAdmin.size < 2) throw new Error('seedDatabase: synthetic shipments need operators in at least 2 administrations');
  const pairSeq = new Map<string, number>();
  const fromDay = toDays(SHIPMENTS_FROM),
    spanDays = toDays(SHIPMENTS_UNTIL) - fromDay + 1;
  let done = 0;

  while (done < count) {
    const n = Math.min(CHUNK_SIZE, count - done);
    const shipments = [];
    const goods: GoodsRow[] = [];
    for (let k = 0; k < n; k++) {
      const r = rng();
      const pool = r < 0.8 && certifiedShippers.length ? certifiedShippers : r < 0.95 && shippers.length ? shippers : ops;
      const consignor = pick(rng, pool);
      let destAdmin: string | undefined;
      const partners = consignor.programCode ? recognizersOf.get(consignor.programCode) : undefined;
      if (partners && rng() < 0.6) destAdmin = pick(rng, partners);
      while (!destAdmin || destAdmin === consignor.administrationCode) destAdmin = pick(rng, ops).administrationCode;
      const importers = importersOfAdmin.get(destAdmin);
      const consignee = importers && rng() < 0.85 ? pick(rng, importers) : pick(rng, opsOfAdmin.get(destAdmin)!);
      let carrierId: string | null = null;
      if (carriers.length && rng() < 0.7) {
        const c = pick(rng, carriers);
        if (c.id !== consignor.id && c.id !== consignee.id) carrierId = c.id;
      }
      const origin = pick(rng, locationsOfCountry.get(consignor.countryCode) ?? locationsOfAdmin.get(consignor.administrationCode)!);
      const destination = pick(rng, locationsOfCountry.get(consignee.countryCode) ?? locationsOfAdmin.get(consignee.administrationCode)!);
      const departedOn = fromDays(fromDay + Math.floor(rng() * spanDays));
      const arrival = addDays(departedOn, 1 + Math.floor(rng() * 40));
      const pair = `${origin.countryCode}-${destination.countryCode}`;
      const seq = (pairSeq.get(pair) ?? 0) + 1;
      pairSeq.set(pair, seq);
      const reference = `SYN-${pair}-${pad(seq, 6)}`;
      shipments.push({
        reference,
        consignorId: consignor.id,
        consigneeId: consignee.id,
        carrierId,
        originLocode: origin.locode,
        destinationLocode: destination.locode,
        exportingAdministrationCode: adminOfCountry.get(origin.countryCode)!,
        importingAdministrationCode: adminOfCountry.get(destination.countryCode)!,
        departedOn,
        arrivedOn: arrival <= SEED_AS_OF ? arrival : null,
        synthetic: true,
      });
      const l = rng();
      const lines = l < 0.4 ? 1 : l < 0.7 ? 2 : l < 0.9 ? 3 : 4; // 1-4 lines, most shipments have few
      for (let line = 1; line <= lines; line++) {
        const item = pick(rng, HS_CATALOGUE);
        const quantity =
          item.unit === 'KGM'
            ? 500 + Math.floor(rng() * 24_500)
            : item.unit === 'CTN'
              ? 10 + Math.floor(rng() * 1190)
              : item.kgPerUnit > 100
                ? 1 + Math.floor(rng() * 20)
                : 10 + Math.floor(rng() * 4990);
        const grossMassKg = Math.round(quantity * item.kgPerUnit * (0.9 + rng() * 0.25) * 10) / 10;
        goods.push({ shipmentReference: reference, lineNumber: line, hsCode: item.hs, description: item.description, quantity, unit: item.unit, grossMassKg });
      }
    }
    await tx.shipment.createMany({ data: shipments });
    await insertAll(goods, (c) => tx.goodsLine.createMany({ data: c }));
    done += n;
    onProgress?.(done, count);
  }
  return done;
}

// ---------------------------------------------------------------- helpers

function countryOwners(data: SeedData): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of data.administrations) for (const c of a.countries.split(' ')) m.set(c, a.code);
  return m;
}

function groupBy<T, K, V>(items: T[], key: (t: T) => K, value: (t: T) => V): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(value(it));
    else m.set(k, [value(it)]);
  }
  return m;
}

/** mulberry32: a small, fast, seedable PRNG (same seed -> same sequence on every platform). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function weightedPicker(weights: number[]): (rng: () => number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (rng) => {
    const x = rng() * total;
    let lo = 0,
      hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** 1-3 distinct roles, weighted towards exporter/importer/manufacturer. */
function pickRoles(rng: () => number, candidates: readonly string[]): string[] {
  const r = rng();
  const want = Math.min(candidates.length, r < 0.5 ? 1 : r < 0.85 ? 2 : 3);
  const left = [...candidates];
  const chosen: string[] = [];
  while (chosen.length < want) {
    const k = weightedPicker(left.map((x) => ROLE_WEIGHTS[x] ?? 1.5))(rng);
    chosen.push(left[k]);
    left.splice(k, 1);
  }
  return chosen.sort((a, b) => OPERATOR_ROLES.indexOf(a as OperatorRoleCode) - OPERATOR_ROLES.indexOf(b as OperatorRoleCode));
}

function digits(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 10);
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const DAY_MS = 86_400_000;
function toDays(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}
function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDays(toDays(s)) === s;
}
function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}
/** Same month and day n years later; 29 February becomes 28 February in a non-leap year. */
function addYears(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)) + n;
  const candidate = `${pad(y, 4)}${iso.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${pad(y, 4)}-02-28`;
}
function randomDate(rng: () => number, from: string, to: string): string {
  const a = toDays(from),
    b = toDays(to);
  return fromDays(a + Math.floor(rng() * (b - a + 1)));
}
function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
