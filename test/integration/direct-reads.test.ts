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
import { ShipmentsRepository, SHIPMENT, GOODS_LINE, LOCATION } from '../../src/data/shipments-repository.js';
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
