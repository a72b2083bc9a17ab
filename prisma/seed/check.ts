/**
 * Seeds a throw-away database and checks the result. Not a test: run it by hand after changing the seed.
 *
 *   npx tsx prisma/seed/check.ts                      # SQLite in /tmp, default sizes
 *   npx tsx prisma/seed/check.ts --shipments=100000   # bigger synthetic population (timing, memory)
 *   npx tsx prisma/seed/check.ts --postgres           # PostgreSQL: creates and drops database "seedcheck"
 *   npx tsx prisma/seed/check.ts --postgres=postgresql://postgres@127.0.0.1:5432/seedcheck
 *   npx tsx prisma/seed/check.ts --determinism        # seeds twice and compares the generated data
 *   other flags: --operators=N --seed=N
 *
 * For PostgreSQL it runs `psql` (trust auth assumed) to create and drop the database. It always removes
 * what it created, also on failure. Exit code 1 when a check fails.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createDb, type Db } from '../../src/data/client.js';
import { parseDatabaseUrl, describeDatabase, type DatabaseTarget } from '../../src/data/database-url.js';
import { applyMigrations } from '../../src/data/migrate.js';
import { DEMO_SHIPMENTS } from './demo.js';
import { periodsFromEvents } from '../../src/domain/recognition.js';
import { answerShipmentRecognition, type AnswerCertification, type AnswerRule, type RecognitionAnswer } from '../../src/domain/recognition-answer.js';
import { conditionsFor, type RecognitionConditionKind } from '../../src/domain/recognition-conditions.js';
import { recognizedTiers } from '../../src/domain/programme-tiers.js';
import { benefitScope } from '../../src/domain/benefits.js';
import { certificationFloor, isSeeded, loadSeedData, seedDatabase, type SeedOptions } from './seed.js';
import { verifyLedger } from './verification-report.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split(/=(.*)/s);
    return [k, v ?? 'true'] as const;
  }),
);
const numberArg = (name: string): number | undefined => (args.has(name) ? Number(args.get(name)) : undefined);
const options: SeedOptions = { syntheticOperators: numberArg('operators'), syntheticShipments: numberArg('shipments'), randomSeed: numberArg('seed') };
const failures: string[] = [];
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
};

async function withDatabase<T>(name: string, run: (db: Db, target: DatabaseTarget) => Promise<T>): Promise<T> {
  const pg = args.get('postgres');
  let target: DatabaseTarget;
  let cleanup: () => void;
  if (pg) {
    const url = pg === 'true' ? `postgresql://postgres@127.0.0.1:5432/${name}` : pg;
    target = parseDatabaseUrl(url);
    const u = new URL(url);
    const dbName = u.pathname.slice(1);
    const psql = (sql: string) =>
      execFileSync(
        'psql',
        ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', sql],
        { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } },
      );
    psql(`drop database if exists "${dbName}"`);
    psql(`create database "${dbName}"`);
    cleanup = () => psql(`drop database if exists "${dbName}" with (force)`);
  } else {
    const file = `/tmp/${name}-${process.pid}.db`;
    target = parseDatabaseUrl(`file:${file}`);
    cleanup = () => {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    };
  }
  let db: Db | undefined;
  try {
    await applyMigrations(target);
    // applyMigrations resolves before the schema engine's SQLite connection has released its lock; a query sent
    // at once can block the event loop in better-sqlite3's busy wait and fail with SQLITE_BUSY after 5 s.
    await new Promise((resolve) => setTimeout(resolve, 100));
    db = createDb(target);
    return await run(db, target);
  } finally {
    await db?.$disconnect();
    cleanup();
  }
}

/**
 * The recognition rules (src/domain/recognition-answer.ts) evaluated straight on the tables: the facts are read
 * here with plain queries, independently of the registry subgraph's loaders, so the demo expectations check the
 * seeded data and the rules together.
 */
async function evaluate(db: Db, reference: string): Promise<RecognitionAnswer> {
  const s = await db.shipment.findUniqueOrThrow({ where: { reference } });
  const destination = await db.location.findUniqueOrThrow({ where: { locode: s.destinationLocode } });
  const consignor = await db.operator.findUniqueOrThrow({ where: { id: s.consignorId }, include: { roles: true, identifiers: true } });
  const certs = await db.certification.findMany({
    where: { operatorId: s.consignorId },
    include: { events: { orderBy: [{ effectiveOn: 'asc' }, { id: 'asc' }] } },
  });
  const consents = await db.dataExchangeConsent.findMany({ where: { certificationId: { in: certs.map((c) => c.id) } } });
  const programCodes = [...new Set(certs.map((c) => c.programCode))];
  const [programs, tiers, rows, conditions, memberships, administrations, benefits, registerCoverage] = await Promise.all([
    db.program.findMany({ where: { code: { in: programCodes } } }),
    db.programTier.findMany({ where: { programCode: { in: programCodes } } }),
    db.recognition.findMany({
      where: { recognizedProgramCode: { in: programCodes } },
      include: { agreement: { include: { statusPeriods: true } }, benefits: true },
    }),
    db.recognitionCondition.findMany(),
    db.customsUnionMembership.findMany(),
    db.administration.findMany(),
    db.benefit.findMany(),
    db.registerCoverage.findMany(),
  ]);
  const adminOf = new Map(programs.map((p) => [p.code, p.administrationCode]));
  const certifications: AnswerCertification[] = certs.map((c) => ({
    id: c.id,
    programCode: c.programCode,
    administrationCode: adminOf.get(c.programCode) ?? '',
    certificateNumber: c.certificateNumber,
    periods: periodsFromEvents(c.events as unknown as Parameters<typeof periodsFromEvents>[0]),
    consents: consents
      .filter((x) => x.certificationId === c.id)
      .map((x) => ({ status: x.status as 'GIVEN' | 'WITHDRAWN', effectiveOn: x.effectiveOn, partnerAdministrationCode: x.partnerAdministrationCode })),
  }));
  const split = (v: string) => (v ? v.split(' ') : []);
  const rules: AnswerRule[] = rows.map((r) => ({
    id: r.id,
    agreementId: r.agreementId,
    agreementTitle: r.agreement.title,
    recognizingAdministrationCode: r.recognizingAdministrationCode,
    recognizedProgramCode: r.recognizedProgramCode,
    eligibleTiers: recognizedTiers(
      split(r.eligibleTiers),
      tiers.filter((t) => t.programCode === r.recognizedProgramCode),
    ),
    coveredRoles: split(r.coveredRoles),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    effectiveBasis: r.effectiveBasis as AnswerRule['effectiveBasis'],
    agreementStatus: r.agreement.statusPeriods.map((p) => ({ status: p.status as 'IN_FORCE', from: p.from, to: p.to, basis: p.basis })),
    benefitCodes: r.benefits.map((b) => b.benefitCode),
    conditions: conditionsFor(r, conditions).map((c) => ({ condition: c.condition as RecognitionConditionKind, detail: c.detail })),
  }));
  return answerShipmentRecognition({
    shipment: { ...s, destinationCountry: destination.countryCode, recordedImportingAdministrationCode: s.importingAdministrationCode },
    memberships,
    administrations: administrations.map((a) => ({ code: a.code, jurisdiction: a.jurisdiction, countries: a.countries.split(' ') })),
    consignorRoles: consignor.roles.map((r) => r.role),
    certifications,
    consignorIdentifiers: [consignor.name, ...consignor.identifiers.map((i) => i.value)],
    rules,
    benefitScopes: Object.fromEntries(benefits.map((b) => [b.code, benefitScope(b.category)])),
    registerCoverage: registerCoverage.map((c) => ({ administrationCode: c.administrationCode, completeAsOf: c.completeAsOf })),
  });
}

/** Digest of the generated rows (ids excluded where they are autoincrement). */
async function digest(db: Db): Promise<string> {
  const h = createHash('sha256');
  const feed = (rows: unknown[]) => {
    for (const r of rows) h.update(JSON.stringify(r));
  };
  feed(await db.operator.findMany({ orderBy: { id: 'asc' } }));
  feed(await db.operatorRole.findMany({ orderBy: [{ operatorId: 'asc' }, { role: 'asc' }] }));
  feed(await db.operatorIdentifier.findMany({ orderBy: [{ scheme: 'asc' }, { value: 'asc' }] }));
  feed(await db.certification.findMany({ orderBy: { id: 'asc' } }));
  feed(await db.certificationEvent.findMany({ orderBy: { id: 'asc' }, omit: { id: true } }));
  feed(await db.shipment.findMany({ orderBy: { reference: 'asc' } }));
  feed(await db.goodsLine.findMany({ orderBy: [{ shipmentReference: 'asc' }, { lineNumber: 'asc' }] }));
  feed(await db.recognitionBenefit.findMany({ orderBy: [{ recognitionId: 'asc' }, { benefitCode: 'asc' }] }));
  feed(await db.dataExchangeConsent.findMany({ orderBy: [{ certificationId: 'asc' }, { effectiveOn: 'asc' }, { status: 'asc' }], omit: { id: true } }));
  feed(await db.recognitionCondition.findMany({ orderBy: [{ subject: 'asc' }, { condition: 'asc' }], omit: { id: true } }));
  feed(await db.customsUnionMembership.findMany({ orderBy: { id: 'asc' } }));
  return h.digest('hex');
}

async function invariants(db: Db): Promise<void> {
  const data = loadSeedData();
  const certs = await db.certification.findMany({ include: { events: { orderBy: [{ effectiveOn: 'asc' }, { id: 'asc' }] }, operator: true } });
  let stateMismatch = 0,
    beforeLaunch = 0,
    unordered = 0,
    badRecorded = 0;
  for (const c of certs) {
    const last = c.events.at(-1);
    if (
      !last ||
      c.events[0].type !== 'CERTIFIED' ||
      c.events[0].effectiveOn !== c.certifiedOn ||
      last.statusAfter !== c.status ||
      last.tierAfter !== c.tierCode ||
      last.validUntilAfter !== c.validUntil
    )
      stateMismatch++;
    const floor = certificationFloor(data, c.programCode);
    if (c.operator.synthetic && (!floor || c.certifiedOn < floor)) beforeLaunch++;
    for (let i = 1; i < c.events.length; i++) if (c.events[i].effectiveOn < c.events[i - 1].effectiveOn) unordered++;
    for (const e of c.events) if (e.recordedAt !== `${e.effectiveOn}T09:00:00.000Z` || e.recordedBy !== 'seed') badRecorded++;
  }
  check(stateMismatch === 0, `certification status/tier/validUntil = state after the last event (${certs.length} certifications, ${stateMismatch} mismatches)`);
  check(beforeLaunch === 0, `no synthetic certification before its programme's launch floor (${beforeLaunch} violations)`);
  check(unordered === 0 && badRecorded === 0, 'certification events ordered, recordedAt = effectiveOn T09:00Z, recordedBy seed');
  const synth = await db.operator.findMany({ where: { synthetic: true }, select: { id: true, name: true } });
  check(
    synth.every((o) => o.name.endsWith(' (synthetic)') && /^OP-[A-Z]{2}-\d{6}$/.test(o.id)),
    `synthetic operator names and ids (${synth.length})`,
  );
  const certifiedShare = synth.length ? (await db.certification.count({ where: { operator: { synthetic: true } } })) / synth.length : 0;
  console.log(`     synthetic operators certified: ${(certifiedShare * 100).toFixed(1)}%`);
  const byStatus = await db.certification.groupBy({ by: ['status'], _count: { _all: true } });
  console.log(`     certifications by status: ${byStatus.map((g) => `${g.status} ${g._count._all}`).join(', ')}`);
  const eventTypes = await db.certificationEvent.groupBy({ by: ['type'], _count: { _all: true } });
  console.log(`     events by type: ${eventTypes.map((g) => `${g.type} ${g._count._all}`).join(', ')}`);
  const badRefs = await db.shipment.count({ where: { synthetic: true, NOT: { reference: { startsWith: 'SYN-' } } } });
  const sameAdmin = (
    await db.shipment.findMany({ where: { synthetic: true }, select: { exportingAdministrationCode: true, importingAdministrationCode: true }, take: 20000 })
  ).filter((s) => s.exportingAdministrationCode === s.importingAdministrationCode).length;
  check(badRefs === 0 && sameAdmin === 0, 'synthetic shipment references SYN-..., exporting != importing administration');
  const byImporter = await db.shipment.groupBy({
    by: ['importingAdministrationCode'],
    _count: { _all: true },
    orderBy: { _count: { importingAdministrationCode: 'desc' } },
    take: 8,
  });
  console.log(`     top importing administrations: ${byImporter.map((g) => `${g.importingAdministrationCode} ${g._count._all}`).join(', ')}`);
}

async function main() {
  const backend = args.get('postgres') ? 'PostgreSQL' : 'SQLite';
  console.log(`seed check on ${backend}; options ${JSON.stringify(options)}`);
  await withDatabase('seedcheck', async (db, target) => {
    console.log(`database: ${describeDatabase(target)}`);
    check(!(await isSeeded(db)), 'isSeeded() is false on an empty database');
    let peakRss = process.memoryUsage().rss;
    let lastReport = 0;
    const t0 = performance.now();
    const counts = await seedDatabase(db, {
      ...options,
      onProgress: (done, total) => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (done === total || done - lastReport >= 50_000) {
          lastReport = done;
          const m = process.memoryUsage();
          console.log(
            `     ... ${done}/${total} shipments (${((performance.now() - t0) / 1000).toFixed(1)} s, RSS ${(m.rss / 1048576).toFixed(0)} MiB, heap ${(m.heapUsed / 1048576).toFixed(0)} MiB)`,
          );
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(`seeded in ${seconds.toFixed(2)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MiB`);
    console.log('counts:', counts);
    check(await isSeeded(db), 'isSeeded() is true after seeding');
    const goods = await db.goodsLine.count();
    const events = await db.certificationEvent.count();
    console.log(
      `     goods lines ${goods}, certification events ${events}, status periods ${await db.agreementStatusPeriod.count()}, recognition benefits ${await db.recognitionBenefit.count()}`,
    );

    console.log('\nMRA-US-KR:');
    const agreement = await db.agreement.findUniqueOrThrow({
      where: { id: 'MRA-US-KR' },
      include: { parties: true, statusPeriods: { orderBy: { from: 'asc' } }, recognitions: { include: { benefits: true } } },
    });
    const { parties, statusPeriods, recognitions, ...row } = agreement;
    console.log(row);
    console.log('parties:', parties.map((p) => `${p.administrationCode}/${p.programCode}`).join(', '));
    for (const s of statusPeriods) console.log(`status ${s.status} [${s.from}, ${s.to ?? '...'}) ${s.basis}: ${s.note}`);
    for (const { benefits, ...r } of recognitions) {
      console.log(r);
      for (const b of benefits) console.log(`   benefit ${b.benefitCode}: ${b.detail}`);
    }

    console.log('\ndemo shipments:');
    for (const d of DEMO_SHIPMENTS) {
      const got = await evaluate(db, d.reference);
      const e = d.expected;
      const codes = got.findings.map((f) => f.code);
      const ids = new Set([...got.recognitions.map((r) => r.id), ...got.findings.map((f) => f.recognitionId).filter(Boolean)]);
      check(
        got.outcome === e.outcome &&
          codes.includes(e.finding as (typeof codes)[number]) &&
          got.asOf === e.asOf &&
          (got.importingAdministrationCode ?? '') === e.importingAdministration &&
          (!e.recognitionId || ids.has(e.recognitionId)),
        `${d.reference}: ${got.outcome} on ${got.asOf} (${got.asOfBasis}) at ${got.importingAdministrationCode ?? 'unknown importer'}; ${codes.join(' ')}` +
          (got.outcome === e.outcome ? '' : ` (expected ${e.outcome} ${e.finding})`),
      );
    }
    console.log('\ninvariants:');
    await invariants(db);
    const ledger = verifyLedger();
    for (const p of ledger.slice(0, 10)) console.log(`     ledger: ${p}`);
    check(ledger.length === 0, `verification ledger (data/date_facts.csv) agrees with the seed CSVs; no ASSUMED_FROM_SIGNING (${ledger.length} problems)`);
    let again = '';
    try {
      await seedDatabase(db, { syntheticOperators: 2, syntheticShipments: 1 });
    } catch (e) {
      again = (e as Error).message;
    }
    check(again.includes('already seeded'), 'seeding an already seeded database is refused');
    if (counts.shipments <= 20_000) console.log(`data digest (compare across runs and providers): ${await digest(db)}`);
  });

  if (args.has('determinism')) {
    console.log('\ndeterminism:');
    const small = {
      syntheticOperators: options.syntheticOperators ?? 300,
      syntheticShipments: Math.min(options.syntheticShipments ?? 2000, 5000),
      randomSeed: options.randomSeed,
    };
    const a = await withDatabase('seedcheck-a', async (db) => {
      await seedDatabase(db, small);
      return digest(db);
    });
    const b = await withDatabase('seedcheck-b', async (db) => {
      await seedDatabase(db, small);
      return digest(db);
    });
    const c = await withDatabase('seedcheck-c', async (db) => {
      await seedDatabase(db, { ...small, randomSeed: (small.randomSeed ?? 20100628) + 1 });
      return digest(db);
    });
    check(a === b, `same options give identical data (${a.slice(0, 16)})`);
    check(a !== c, 'another randomSeed gives other data');
  }

  console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
