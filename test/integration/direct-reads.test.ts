/**
 * The keyed batch reads sent straight to the driver adapter (src/data/direct-reads.ts) return exactly what
 * the Prisma client's findMany returns, with the table descriptions the repositories use, for the same rows (every column, with its type, in the same order),
 * on the database the suite runs on (SQLite, or PostgreSQL with TEST_DATABASE=postgresql), and report
 * each statement to onQuery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { directReads, MAX_KEYS_PER_STATEMENT, type DirectReads } from '../../src/data/direct-reads.js';
import { OperatorsRepository, OPERATOR, OPERATOR_ROLE, OPERATOR_IDENTIFIER, CERTIFICATION, CERTIFICATION_EVENT } from '../../src/data/operators-repository.js';
import { ShipmentsRepository, SHIPMENT, GOODS_LINE, LOCATION, type ShipmentListFilter } from '../../src/data/shipments-repository.js';
import { DATE_FACT, DATA_EXCHANGE_CONSENT } from '../../src/data/recognition-facts-repository.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let db: Db;
let reads: DirectReads;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(parseDatabaseUrl(database.url), { onQuery: (sql) => statements.push(sql) });
  reads = directReads(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** Distinct values of a column, spread over the table, at most 900 (Prisma's SQLite bound on parameters is 999). */
const keys = <T>(rows: T[], key: keyof T) => {
  const all = [...new Set(rows.map((r) => String(r[key])))];
  const step = Math.ceil(all.length / 900);
  return all.filter((_, i) => i % step === 0);
};

describe('direct reads', () => {
  it('read the rows of each table as findMany does: same columns, types and order', async () => {
    const operators = await db.operator.findMany({ orderBy: { id: 'asc' } });
    const certifications = await db.certification.findMany({ orderBy: { id: 'asc' } });
    const shipments = await db.shipment.findMany({ orderBy: { reference: 'asc' } });
    const locations = await db.location.findMany({ orderBy: { locode: 'asc' } });
    const subjects = [...keys(await db.dateFact.findMany({ orderBy: { subject: 'asc' } }), 'subject'), 'NO-SUCH-SUBJECT'];
    // Not vacuous: the seed has both values of the Boolean columns, and null in nullable ones.
    expect(new Set(operators.map((o) => o.synthetic))).toEqual(new Set([true, false]));
    expect(new Set(shipments.map((s) => s.synthetic))).toEqual(new Set([true, false]));
    expect(shipments.some((s) => s.arrivedOn === null)).toBe(true);

    const operatorIds = [...keys(operators, 'id'), 'NO-SUCH-OPERATOR'];
    const certificationIds = [...keys(certifications, 'id'), 'NO-SUCH-CERTIFICATION'];
    const references = [...keys(shipments, 'reference'), 'NO-SUCH-SHIPMENT'];
    const cases: [string, () => Promise<unknown[]>, () => Promise<unknown[]>][] = [
      [
        'Operator by id',
        () => reads.whereIn(OPERATOR, 'id', operatorIds, ['id']),
        () => db.operator.findMany({ where: { id: { in: operatorIds } }, orderBy: { id: 'asc' } }),
      ],
      [
        'OperatorRole by operator',
        () => reads.whereIn(OPERATOR_ROLE, 'operatorId', operatorIds, ['operatorId', 'role']),
        () => db.operatorRole.findMany({ where: { operatorId: { in: operatorIds } }, orderBy: [{ operatorId: 'asc' }, { role: 'asc' }] }),
      ],
      [
        'OperatorIdentifier by operator',
        () => reads.whereIn(OPERATOR_IDENTIFIER, 'operatorId', operatorIds, ['operatorId', 'scheme', 'value']),
        () =>
          db.operatorIdentifier.findMany({ where: { operatorId: { in: operatorIds } }, orderBy: [{ operatorId: 'asc' }, { scheme: 'asc' }, { value: 'asc' }] }),
      ],
      [
        'Certification by operator',
        () => reads.whereIn(CERTIFICATION, 'operatorId', operatorIds, ['id']),
        () => db.certification.findMany({ where: { operatorId: { in: operatorIds } }, orderBy: { id: 'asc' } }),
      ],
      [
        'CertificationEvent by certification',
        () => reads.whereIn(CERTIFICATION_EVENT, 'certificationId', certificationIds, ['effectiveOn', 'recordedAt', 'id']),
        () =>
          db.certificationEvent.findMany({
            where: { certificationId: { in: certificationIds } },
            orderBy: [{ effectiveOn: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
          }),
      ],
      [
        'Shipment by reference',
        () => reads.whereIn(SHIPMENT, 'reference', references, ['reference']),
        () => db.shipment.findMany({ where: { reference: { in: references } }, orderBy: { reference: 'asc' } }),
      ],
      [
        'GoodsLine by shipment',
        () => reads.whereIn(GOODS_LINE, 'shipmentReference', references, ['shipmentReference', 'lineNumber']),
        () => db.goodsLine.findMany({ where: { shipmentReference: { in: references } }, orderBy: [{ shipmentReference: 'asc' }, { lineNumber: 'asc' }] }),
      ],
      [
        'Location by code',
        () => reads.whereIn(LOCATION, 'locode', [...keys(locations, 'locode'), 'XXNOPE'], ['locode']),
        () => db.location.findMany({ where: { locode: { in: keys(locations, 'locode') } }, orderBy: { locode: 'asc' } }),
      ],
      [
        'DateFact by subject',
        () => reads.whereIn(DATE_FACT, 'subject', subjects, ['subject', 'fact']),
        () => db.dateFact.findMany({ where: { subject: { in: subjects } }, orderBy: [{ subject: 'asc' }, { fact: 'asc' }] }),
      ],
      [
        'DataExchangeConsent by certification',
        () => reads.whereIn(DATA_EXCHANGE_CONSENT, 'certificationId', certificationIds, ['effectiveOn', 'id']),
        () => db.dataExchangeConsent.findMany({ where: { certificationId: { in: certificationIds } }, orderBy: [{ effectiveOn: 'asc' }, { id: 'asc' }] }),
      ],
    ];
    for (const [name, direct, prisma] of cases) {
      const expected = await prisma();
      expect(expected.length, name).toBeGreaterThan(0);
      expect(await direct(), name).toStrictEqual(expected);
    }
  });

  it('report each statement to onQuery, send none for no keys, and split very long key lists', async () => {
    const [some] = await db.location.findMany({ take: 1 });
    statements.length = 0;
    expect(await reads.whereIn(LOCATION, 'locode', [])).toEqual([]);
    expect(statements).toHaveLength(0);
    expect(await reads.whereIn(LOCATION, 'locode', [some.locode, some.locode])).toStrictEqual([some]);
    expect(statements).toHaveLength(1);
    statements.length = 0;
    const many = [...Array.from({ length: MAX_KEYS_PER_STATEMENT }, (_, i) => `ZZ${i}`), some.locode];
    expect(await reads.whereIn(LOCATION, 'locode', many)).toStrictEqual([some]);
    expect(statements).toHaveLength(2);
  });

  it('serve the repositories’ batch reads in key order, with an empty answer for an unknown key', async () => {
    const [operator] = await db.operator.findMany({ take: 1, orderBy: { id: 'desc' } });
    const repo = new OperatorsRepository(db);
    expect(await repo.operatorsByIds(['NOPE', operator.id])).toStrictEqual([null, operator]);
    expect(await repo.rolesByOperators(['NOPE', operator.id])).toStrictEqual([
      [],
      await db.operatorRole.findMany({ where: { operatorId: operator.id }, orderBy: { role: 'asc' } }),
    ]);
    const [shipment] = await db.shipment.findMany({ take: 1, orderBy: { reference: 'desc' } });
    const shipments = new ShipmentsRepository(db);
    expect(await shipments.shipmentsByReferences([shipment.reference, 'NOPE'])).toStrictEqual([shipment, null]);
  });

  it("page and count a list of shipments as the client's findMany and count do, for every filter of the API, alone and together, with and without a position", async () => {
    const all = await db.shipment.findMany({ orderBy: [{ departedOn: 'desc' }, { reference: 'desc' }] });
    const pick = <T>(values: T[], i: number) => values[(i * 7919) % values.length];
    const administrations = [...new Set(all.map((s) => s.exportingAdministrationCode))].sort();
    const departures = [...new Set(all.map((s) => s.departedOn))].sort();
    const filters: ShipmentListFilter[] = [{}, { includeSynthetic: true }, { includeSynthetic: false }];
    for (let i = 0; i < 12; i++) {
      const s = pick(all, i);
      filters.push(
        { consignor: s.consignorId },
        { consignee: s.consigneeId, includeSynthetic: false },
        { exportingAdministration: pick(administrations, i) },
        { importingAdministration: pick(administrations, i + 1), visibleTo: pick(administrations, i + 2) },
        { departedFrom: pick(departures, i), departedBefore: pick(departures, i + 3) },
        { visibleTo: pick(administrations, i) },
        { visibleTo: s.importingAdministrationCode, exportingAdministration: s.exportingAdministrationCode, departedFrom: pick(departures, i) },
      );
    }
    // The conditions the repository wrote with the Prisma client before: the oracle.
    const prismaWhere = (f: ShipmentListFilter) => ({
      ...(f.consignor ? { consignorId: f.consignor } : {}),
      ...(f.consignee ? { consigneeId: f.consignee } : {}),
      ...(f.exportingAdministration ? { exportingAdministrationCode: f.exportingAdministration } : {}),
      ...(f.importingAdministration ? { importingAdministrationCode: f.importingAdministration } : {}),
      ...(f.departedFrom || f.departedBefore
        ? { departedOn: { ...(f.departedFrom ? { gte: f.departedFrom } : {}), ...(f.departedBefore ? { lt: f.departedBefore } : {}) } }
        : {}),
      ...(f.includeSynthetic === false ? { synthetic: false } : {}),
      ...(f.visibleTo ? { OR: [{ exportingAdministrationCode: f.visibleTo }, { importingAdministrationCode: f.visibleTo }] } : {}),
    });
    const repo = new ShipmentsRepository(db);
    let compared = 0;
    for (const [i, filter] of filters.entries()) {
      const matching = await db.shipment.findMany({ where: prismaWhere(filter), orderBy: [{ departedOn: 'desc' }, { reference: 'desc' }] });
      const name = JSON.stringify(filter);
      expect(await repo.countShipments(filter), name).toBe(await db.shipment.count({ where: prismaWhere(filter) }));
      const positions = [null, ...(matching.length ? [matching[i % matching.length], matching[Math.floor(matching.length / 2)]] : [])];
      for (const position of positions) {
        const after = position && { departedOn: position.departedOn, reference: position.reference };
        const keyset = after ? { OR: [{ departedOn: { lt: after.departedOn } }, { departedOn: after.departedOn, reference: { lt: after.reference } }] } : {};
        for (const take of [1, 21]) {
          const expected = await db.shipment.findMany({
            where: { AND: [prismaWhere(filter), keyset] },
            orderBy: [{ departedOn: 'desc' }, { reference: 'desc' }],
            take,
          });
          expect(await repo.listShipments(filter, take, after), `${name} after ${JSON.stringify(after)}, ${take}`).toStrictEqual(expected);
          compared += expected.length;
        }
      }
    }
    // Not vacuous: pages with rows, a filter with none, and the Boolean column converted.
    expect(compared).toBeGreaterThan(500);
    expect(await repo.countShipments({ consignor: 'NO-SUCH-OPERATOR' })).toBe(0);
    expect(await repo.listShipments({ consignor: 'NO-SUCH-OPERATOR' }, 5, null)).toEqual([]);
    expect(new Set((await repo.listShipments({}, 2000, null)).map((s) => s.synthetic))).toEqual(new Set([true, false]));

    // A page leaves the conditions it was given as they were: the same ones then count (its limit is the page's own).
    const kr = reads.conditions();
    kr.add(`${kr.dialect.column('exportingAdministrationCode')} = ${kr.value('KR-KCS')}`);
    const page = await reads.page(SHIPMENT, kr, [['reference', 'ASC']], 3);
    expect(page.map((s) => s.reference)).toEqual(
      (await db.shipment.findMany({ where: { exportingAdministrationCode: 'KR-KCS' }, orderBy: { reference: 'asc' }, take: 3 })).map((s) => s.reference),
    );
    expect(kr.args).toEqual(['KR-KCS']);
    expect(await reads.count(SHIPMENT, kr)).toBe(await db.shipment.count({ where: { exportingAdministrationCode: 'KR-KCS' } }));
  });

  it('read again after the client disconnects, as findMany does (the client reconnects)', async () => {
    const [location] = await db.location.findMany({ take: 1 });
    await db.$disconnect();
    expect(await reads.whereIn(LOCATION, 'locode', [location.locode])).toStrictEqual([location]);
    expect(await db.location.findMany({ where: { locode: location.locode } })).toStrictEqual([location]);
  });

  it('is refused for a client not made by createDb', () => {
    expect(() => directReads({})).toThrow(/not made by createDb/);
  });
});
