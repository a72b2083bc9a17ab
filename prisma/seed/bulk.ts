/**
 * A fast seed for large populations (10k, 100k, 1M shipments): the registry, the demo records and the
 * synthetic operators come from seedDatabase (createMany, small), then synthetic shipments and their
 * goods lines are generated deterministically and inserted with multi-row INSERT statements through
 * `db.$executeRawUnsafe`, many statements per transaction. Portable SQL (quoted identifiers, literal
 * values, no RETURNING, no ON CONFLICT), the same on SQLite and PostgreSQL; booleans are written the
 * way each provider stores them. Shipments are shaped like seed.ts's: mostly certified shippers,
 * destinations biased towards administrations that recognize the consignor's programme, 1-4 goods lines.
 *
 * `npm run seed:bulk -- --shipments 1000000 [--database file:./data/bulk.db]` (src/cli/seed-bulk.ts).
 */
import type { Db } from '../../src/data/client.js';
import { mulberry32, seedDatabase, SEED_AS_OF, isSeeded } from './seed.js';

export interface BulkSeedOptions {
  shipments: number;
  /** Synthetic operators (default: shipments / 200, at least 300, at most 10,000). */
  operators?: number;
  provider: 'sqlite' | 'postgresql';
  randomSeed?: number;
  /** Rows per INSERT statement. */
  rowsPerStatement?: number;
  /** Shipments per transaction. */
  shipmentsPerTransaction?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BulkSeedResult {
  operators: number;
  shipments: number;
  goodsLines: number;
  ms: number;
}

const HS = [
  ['847130', 'Portable automatic data processing machines', 'PCS', 2.2],
  ['851712', 'Telephones for cellular networks', 'PCS', 0.4],
  ['870899', 'Parts and accessories of motor vehicles', 'KGM', 1],
  ['300490', 'Medicaments, packaged for retail sale', 'CTN', 6],
  ['610910', 'T-shirts of cotton, knitted', 'CTN', 9],
  ['940360', 'Wooden furniture', 'PCS', 25],
  ['090111', 'Coffee, not roasted, not decaffeinated', 'KGM', 1.01],
  ['854143', 'Photovoltaic cells assembled in modules', 'PCS', 22],
  ['850760', 'Lithium-ion accumulators', 'PCS', 0.6],
  ['392690', 'Other articles of plastics', 'CTN', 8],
] as const;
const FROM = '2008-01-01';
const UNTIL = '2026-10-31';
const DAY = 86_400_000;
const toDays = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDays = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);

const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

interface Op {
  id: string;
  countryCode: string;
  administrationCode: string;
  roles: string[];
  program: string | null;
}

export async function bulkSeed(db: Db, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const started = Date.now();
  const total = options.shipments;
  const operators = options.operators ?? Math.min(10_000, Math.max(300, Math.round(total / 200)));
  const rowsPerStatement = options.rowsPerStatement ?? 500;
  const perTransaction = options.shipmentsPerTransaction ?? 50_000;
  const bool = options.provider === 'sqlite' ? (b: boolean) => (b ? '1' : '0') : (b: boolean) => (b ? 'true' : 'false');
  if (await isSeeded(db)) throw new Error('bulkSeed: the database is already seeded; use a fresh database');
  await seedDatabase(db, { syntheticOperators: operators, syntheticShipments: 0, randomSeed: options.randomSeed });

  // The population and the places, read back.
  const ops: Op[] = (await db.operator.findMany({ where: { synthetic: true }, include: { roles: true, certifications: true } })).map((o) => ({
    id: o.id,
    countryCode: o.countryCode,
    administrationCode: o.administrationCode,
    roles: o.roles.map((r) => r.role),
    program: o.certifications.find((c) => c.status === 'CERTIFIED')?.programCode ?? null,
  }));
  const locations = await db.location.findMany();
  const administrations = await db.administration.findMany();
  const recognitions = await db.recognition.findMany({ select: { recognizingAdministrationCode: true, recognizedProgramCode: true } });
  const adminOfCountry = new Map<string, string>();
  for (const a of administrations) for (const c of a.countries.split(' ')) adminOfCountry.set(c, a.code);
  const group = <T, K>(items: T[], key: (t: T) => K) => {
    const m = new Map<K, T[]>();
    for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
    return m;
  };
  const placesOfCountry = group(locations, (l) => l.countryCode);
  const placesOfAdmin = group(locations, (l) => adminOfCountry.get(l.countryCode));
  const opsOfAdmin = group(ops, (o) => o.administrationCode);
  const importersOfAdmin = group(
    ops.filter((o) => o.roles.includes('IMPORTER')),
    (o) => o.administrationCode,
  );
  const recognizersOf = group(
    recognitions.filter((r) => opsOfAdmin.has(r.recognizingAdministrationCode)),
    (r) => r.recognizedProgramCode,
  );
  const shippers = ops.filter((o) => o.roles.includes('EXPORTER') || o.roles.includes('MANUFACTURER'));
  const certifiedShippers = shippers.filter((o) => o.program);
  const carriers = ops.filter((o) => o.roles.includes('CARRIER'));
  const rng = mulberry32(((options.randomSeed ?? 20100628) ^ 0xb01cb01c) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
  const fromDay = toDays(FROM);
  const span = toDays(UNTIL) - fromDay + 1;

  const shipmentColumns =
    '"reference", "consignorId", "consigneeId", "carrierId", "originLocode", "destinationLocode", "exportingAdministrationCode", "importingAdministrationCode", "departedOn", "arrivedOn", "synthetic"';
  const goodsColumns = '"shipmentReference", "lineNumber", "hsCode", "description", "quantity", "unit", "grossMassKg"';
  let done = 0;
  let goodsLines = 0;
  options.onProgress?.(0, total);
  while (done < total) {
    const inThis = Math.min(perTransaction, total - done);
    const statements: string[] = [];
    let shipmentRows: string[] = [];
    let goodsRows: string[] = [];
    const flush = (force: boolean) => {
      // Goods lines reference their shipments: a goods statement never goes before its shipments'.
      const goodsDue = goodsRows.length && (force || goodsRows.length >= rowsPerStatement);
      if (shipmentRows.length && (force || goodsDue || shipmentRows.length >= rowsPerStatement)) {
        statements.push(`INSERT INTO "Shipment" (${shipmentColumns}) VALUES ${shipmentRows.join(', ')}`);
        shipmentRows = [];
      }
      if (goodsDue) {
        statements.push(`INSERT INTO "GoodsLine" (${goodsColumns}) VALUES ${goodsRows.join(', ')}`);
        goodsRows = [];
      }
    };
    for (let k = 0; k < inThis; k++) {
      const n = done + k + 1;
      const r = rng();
      const consignor = pick(r < 0.8 && certifiedShippers.length ? certifiedShippers : shippers.length ? shippers : ops);
      let destAdmin: string | undefined;
      const partners = consignor.program ? recognizersOf.get(consignor.program) : undefined;
      if (partners && rng() < 0.6) destAdmin = pick(partners).recognizingAdministrationCode;
      while (!destAdmin || destAdmin === consignor.administrationCode) destAdmin = pick(ops).administrationCode;
      const importers = importersOfAdmin.get(destAdmin);
      const consignee = importers && rng() < 0.85 ? pick(importers) : pick(opsOfAdmin.get(destAdmin)!);
      const carrier = carriers.length && rng() < 0.7 ? pick(carriers) : null;
      const origin = pick(placesOfCountry.get(consignor.countryCode) ?? placesOfAdmin.get(consignor.administrationCode)!);
      const destination = pick(placesOfCountry.get(consignee.countryCode) ?? placesOfAdmin.get(consignee.administrationCode)!);
      const departedDay = fromDay + Math.floor(rng() * span);
      const departedOn = fromDays(departedDay);
      const arrivedOn = fromDays(departedDay + 1 + Math.floor(rng() * 40));
      const reference = `SYN-BULK-${origin.countryCode}${destination.countryCode}-${String(n).padStart(8, '0')}`;
      shipmentRows.push(
        `(${q(reference)}, ${q(consignor.id)}, ${q(consignee.id)}, ${q(carrier && carrier.id !== consignor.id && carrier.id !== consignee.id ? carrier.id : null)}, ` +
          `${q(origin.locode)}, ${q(destination.locode)}, ${q(adminOfCountry.get(origin.countryCode)!)}, ${q(adminOfCountry.get(destination.countryCode)!)}, ` +
          `${q(departedOn)}, ${q(arrivedOn <= SEED_AS_OF ? arrivedOn : null)}, ${bool(true)})`,
      );
      const l = rng();
      const lines = l < 0.4 ? 1 : l < 0.7 ? 2 : l < 0.9 ? 3 : 4;
      for (let line = 1; line <= lines; line++) {
        const [hs, description, unit, kg] = pick(HS);
        const quantity = unit === 'KGM' ? 500 + Math.floor(rng() * 24_500) : 10 + Math.floor(rng() * 990);
        goodsRows.push(
          `(${q(reference)}, ${line}, ${q(hs)}, ${q(description)}, ${quantity}, ${q(unit)}, ${Math.round(quantity * kg * (0.9 + rng() * 0.25) * 10) / 10})`,
        );
        goodsLines++;
      }
      flush(false);
    }
    flush(true);
    await db.$transaction(statements.map((sql) => db.$executeRawUnsafe(sql)));
    done += inThis;
    options.onProgress?.(done, total);
  }
  // Fresh statistics for the query planners.
  await db.$executeRawUnsafe('ANALYZE');
  return { operators: ops.length, shipments: done, goodsLines, ms: Date.now() - started };
}

/** A progress bar with the rate, on a TTY (or a line every 10% elsewhere). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  let started = 0;
  let lastDecile = -1;
  return (done, total) => {
    if (!started) started = Date.now(); // from the first call: the rate of the bulk insert itself
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = total ? done / total : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const line = `${label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${Math.round(rate).toLocaleString('en')}/s ETA ${eta}s`;
    if (stream.isTTY) {
      stream.write(`\r${line}${done >= total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastDecile || done >= total) {
      lastDecile = Math.floor(share * 10);
      stream.write(`${line}\n`);
    }
  };
}
