/**
 * SQLite statements reused (src/data/sqlite-statements.ts): the cache on a better-sqlite3 Database, and
 * Prisma through the wrapped adapter against the same operations without it (each on its own copy of
 * the template database): the same rows for reads with other parameters, writes and transactions
 * (commit and rollback), safe integers kept, each SQL text prepared once, the cache bounded.
 * SQLite only (it copies the SQLite template, which global setup always builds).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createDb, type Db } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { reuseStatements, withReusedStatements } from '../../src/data/sqlite-statements.js';
import { templateDbPath, tmpDir } from '../support/paths.js';

const files: string[] = [];
function tempFile(template = false): string {
  const file = join(tmpDir, `${randomUUID()}.db`);
  if (template) copyFileSync(templateDbPath, file);
  files.push(file);
  return file;
}
afterAll(() => {
  for (const file of files) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
});

const BIG = 2n ** 62n + 1n; // not a safe integer: a JavaScript number would round it

describe('the statement cache on a better-sqlite3 Database', () => {
  const open: Database.Database[] = [];
  const connect = () => {
    const db = new Database(file);
    db.defaultSafeIntegers(true); // as the adapter does
    open.push(db);
    return db;
  };
  let file: string;
  beforeAll(() => {
    file = tempFile();
    const db = connect();
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, big INTEGER)');
  });
  afterAll(() => {
    for (const db of open) if (db.open) db.close();
  });

  it('prepares a SQL text once and binds the arguments of each execution (writes, reads), safe integers kept', () => {
    const db = connect();
    const prepare = vi.spyOn(db, 'prepare');
    const cache = reuseStatements(db)!;
    expect(cache).toBeDefined();
    const insert = 'INSERT INTO t (id, name, big) VALUES (?, ?, ?)';
    const select = 'SELECT id, name, big FROM t WHERE id = ?';
    for (let i = 1; i <= 5; i++) {
      const result = db
        .prepare(insert)
        .bind([i, `n${i}`, BIG + BigInt(i)])
        .run();
      expect(result.changes).toBe(1);
    }
    const rows = [1, 3, 5, 42].map((id) => {
      const stmt = db.prepare(select).bind([id]);
      expect(stmt.reader).toBe(true);
      expect(stmt.columns().map((c) => [c.name, c.type])).toEqual([
        ['id', 'INTEGER'],
        ['name', 'TEXT'],
        ['big', 'INTEGER'],
      ]);
      return stmt.raw().all();
    });
    expect(rows).toEqual([[[1n, 'n1', BIG + 1n]], [[3n, 'n3', BIG + 3n]], [[5n, 'n5', BIG + 5n]], []]);
    // The same rows through a connection without the cache.
    const plain = connect();
    expect([1, 3, 5, 42].map((id) => plain.prepare(select).raw(true).all(id))).toEqual(rows);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([insert, select]);
    expect(cache.prepared).toBe(2);
    // A statement without arguments, run without bind (the adapter's BEGIN), and the reader flag of a write.
    expect(db.prepare('BEGIN').reader).toBe(false);
    db.prepare('BEGIN').run();
    db.prepare('DELETE FROM t WHERE id = ?').bind([5]).run();
    db.prepare('ROLLBACK').bind([]).run();
    expect(db.prepare(select).bind([5]).raw().all()).toEqual([[5n, 'n5', BIG + 5n]]);
  });

  it('asks SQLite for a reused statement’s columns once', () => {
    const db = connect();
    reuseStatements(db);
    const select = 'SELECT id, name FROM t WHERE id = ?';
    const first = db.prepare(select) as unknown as { statement: Database.Statement };
    const columns = vi.spyOn(first.statement, 'columns');
    const seen = [1, 2, 3].map((id) => db.prepare(select).bind([id]).columns());
    expect(seen.every((c) => c === seen[0])).toBe(true);
    expect(seen[0].map((c) => [c.name, c.type])).toEqual([
      ['id', 'INTEGER'],
      ['name', 'TEXT'],
    ]);
    expect(columns).toHaveBeenCalledTimes(1);
  });

  it('keeps at most max statements, evicting the least recently used', () => {
    const db = connect();
    const prepare = vi.spyOn(db, 'prepare');
    const cache = reuseStatements(db, { max: 3 })!;
    const sql = (n: number) => `SELECT ${n} AS n`;
    for (const n of [1, 2, 3]) db.prepare(sql(n));
    db.prepare(sql(1)); // used again: now the most recent
    db.prepare(sql(4)); // evicts 2
    expect(cache.size).toBe(3);
    expect([1, 2, 3, 4].map((n) => cache.has(sql(n)))).toEqual([true, false, true, true]);
    db.prepare(sql(2)); // prepared again, evicts 3
    expect(prepare).toHaveBeenCalledTimes(5);
    for (let n = 10; n < 100; n++) db.prepare(sql(n)).bind([]).raw().all();
    expect(cache.size).toBe(3);
  });

  it('prepares texts longer than maxSqlLength per query without keeping them', () => {
    const db = connect();
    const prepare = vi.spyOn(db, 'prepare');
    const cache = reuseStatements(db, { maxSqlLength: 40 })!;
    const long = `SELECT id, name, big FROM t WHERE id = ? AND name <> 'a long literal'`;
    expect(long.length).toBeGreaterThan(40);
    const rows = [1, 2].map((id) => db.prepare(long).bind([id]).raw().all());
    expect(rows).toEqual([[[1n, 'n1', BIG + 1n]], [[2n, 'n2', BIG + 2n]]]);
    expect(prepare).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
    db.prepare('SELECT 1').run();
    db.prepare('SELECT 1').run();
    expect(prepare).toHaveBeenCalledTimes(3);
    expect(cache.size).toBe(1);
  });

  it('throws as before on bad SQL, caching nothing; closing the database empties the cache', () => {
    const db = connect();
    const cache = reuseStatements(db)!;
    expect(() => db.prepare('SELEC nothing')).toThrow(/syntax error/);
    expect(cache.size).toBe(0);
    expect(() => db.prepare('SELECT * FROM t WHERE id = ?').bind([1, 2]).raw().all()).toThrow(RangeError);
    expect(reuseStatements(db)).toBe(cache); // idempotent
    db.close();
    expect(cache.size).toBe(0);
    expect(db.open).toBe(false);
  });

  it('leaves a connection whose client has no prepare function unchanged', async () => {
    expect(reuseStatements({})).toBeUndefined();
    expect(reuseStatements(undefined)).toBeUndefined();
    const client = { exec: () => {} };
    const connection = { provider: 'sqlite', client } as unknown as SqlDriverAdapter;
    const factory = withReusedStatements({
      provider: 'sqlite',
      adapterName: 'other',
      connect: () => Promise.resolve(connection),
      connectToShadowDb: () => Promise.resolve(connection),
    } as unknown as SqlMigrationAwareDriverAdapterFactory);
    expect(factory.adapterName).toBe('other');
    expect(await factory.connect()).toBe(connection);
    expect(await factory.connectToShadowDb()).toBe(connection);
    expect(Object.keys(client)).toEqual(['exec']);
  });
});

describe('Prisma through the wrapped adapter, against the adapter unchanged', () => {
  let cached: Db;
  let plain: Db;
  let prepare: MockInstance<(sql: string) => unknown>;
  const preparedSql: string[] = [];

  beforeAll(() => {
    // Installed before either client connects: the cache calls the (spied) prototype method on a miss.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the database as this
    const original = Database.prototype.prepare;
    prepare = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
      preparedSql.push(sql);
      return original.call(this, sql);
    });
    cached = createDb(parseDatabaseUrl(`file:${tempFile(true)}`));
    plain = createDb(parseDatabaseUrl(`file:${tempFile(true)}`), { reuseStatements: false });
  });
  afterEach(() => {
    preparedSql.length = 0;
  });
  afterAll(async () => {
    prepare?.mockRestore();
    await cached?.$disconnect();
    await plain?.$disconnect();
  });

  /** Runs the same operation on both clients; returns both answers and the prepare calls of each. */
  async function both<T>(run: (db: Db) => Promise<T>) {
    preparedSql.length = 0;
    const withCache = await run(cached);
    const cachedPrepares = preparedSql.splice(0);
    const without = await run(plain);
    const plainPrepares = preparedSql.splice(0);
    return { withCache, without, cachedPrepares, plainPrepares };
  }

  it('reads with different parameters: the same rows, the query prepared once instead of once per read', async () => {
    const references = (await plain.shipment.findMany({ select: { reference: true }, orderBy: { reference: 'asc' }, take: 6 })).map((s) => s.reference);
    expect(references).toHaveLength(6);
    await both((db) => db.shipment.findUnique({ where: { reference: 'warm-up' } })); // connects both
    const read = async (db: Db) => {
      const rows = [];
      for (const reference of references)
        rows.push(await db.shipment.findUnique({ where: { reference }, include: { goods: { orderBy: { lineNumber: 'asc' } } } }));
      return rows;
    };
    const { withCache, without, cachedPrepares, plainPrepares } = await both(read);
    expect(withCache.map((s) => s?.reference)).toEqual(references);
    expect(withCache.some((s) => (s?.goods.length ?? 0) > 0)).toBe(true);
    expect(withCache).toEqual(without);
    expect(plainPrepares.length).toBeGreaterThanOrEqual(2 * references.length);
    // Each text the cached client had not seen yet (the warm-up prepared the shipment's) was prepared once, not once per read.
    expect(cachedPrepares.length).toBeGreaterThan(0);
    expect(new Set(cachedPrepares).size).toBe(cachedPrepares.length);
    expect(cachedPrepares.every((sql) => plainPrepares.includes(sql))).toBe(true);
    // Once more: nothing left to prepare.
    const again = await both(read);
    expect(again.cachedPrepares).toEqual([]);
    expect(again.plainPrepares).toEqual(plainPrepares);
    expect(again.withCache).toEqual(without);
  });

  it('writes: the same results and rows', async () => {
    const { withCache, without } = await both(async (db) => {
      const created = await db.benefit.create({ data: { code: 'TEST-STMT-1', name: 'one', description: 'first', category: 'TEST' } });
      const many = await db.benefit.createMany({
        data: [2, 3, 4].map((n) => ({ code: `TEST-STMT-${n}`, name: `n${n}`, description: 'more', category: 'TEST' })),
      });
      const updated = await db.benefit.updateMany({ where: { category: 'TEST', code: { not: 'TEST-STMT-1' } }, data: { description: 'changed' } });
      const deleted = await db.benefit.delete({ where: { code: 'TEST-STMT-3' } });
      const audit = await db.auditEntry.create({
        data: { at: '2026-01-01T00:00:00Z', clientId: 'c', clientKind: 'k', administrationCode: 'KR-KCS', outcome: 'OK', errorCodes: '' },
      });
      const rows = await db.benefit.findMany({ where: { category: 'TEST' }, orderBy: { code: 'asc' } });
      const audits = await db.auditEntry.count();
      return { created, many, updated, deleted, audit, rows, audits };
    });
    expect(withCache.rows.map((b) => [b.code, b.description])).toEqual([
      ['TEST-STMT-1', 'first'],
      ['TEST-STMT-2', 'changed'],
      ['TEST-STMT-4', 'changed'],
    ]);
    expect(withCache).toEqual(without);
  });

  it('transactions: committed and rolled back alike, interactive and batched', async () => {
    const { withCache, without } = await both(async (db) => {
      await db.$transaction(async (tx) => {
        await tx.benefit.create({ data: { code: 'TEST-TX-COMMIT', name: 'c', description: 'd', category: 'TX' } });
        await tx.benefit.update({ where: { code: 'TEST-TX-COMMIT' }, data: { name: 'committed' } });
      });
      const failed = await db
        .$transaction(async (tx) => {
          await tx.benefit.create({ data: { code: 'TEST-TX-ROLLBACK', name: 'r', description: 'd', category: 'TX' } });
          await tx.benefit.delete({ where: { code: 'TEST-TX-COMMIT' } });
          throw new Error('roll back');
        })
        .catch((error: Error) => error.message);
      const duplicate = await db
        .$transaction([
          db.benefit.create({ data: { code: 'TEST-TX-BATCH', name: 'b', description: 'd', category: 'TX' } }),
          db.benefit.create({ data: { code: 'TEST-TX-COMMIT', name: 'again', description: 'd', category: 'TX' } }),
        ])
        .catch((error: { code?: string }) => error.code);
      const batch = await db.$transaction([
        db.benefit.create({ data: { code: 'TEST-TX-BATCH', name: 'b', description: 'd', category: 'TX' } }),
        db.benefit.count({ where: { category: 'TX' } }),
      ]);
      const rows = await db.benefit.findMany({ where: { category: 'TX' }, orderBy: { code: 'asc' } });
      return { failed, duplicate, batch, rows };
    });
    expect(withCache.failed).toBe('roll back');
    expect(withCache.duplicate).toBe('P2002');
    expect(withCache.rows.map((b) => [b.code, b.name])).toEqual([
      ['TEST-TX-BATCH', 'b'],
      ['TEST-TX-COMMIT', 'committed'],
    ]);
    expect(withCache).toEqual(without);
  });

  it('keeps integers beyond 2^53 exact (defaultSafeIntegers applies to the reused statements)', async () => {
    const { withCache, without } = await both(async (db) => {
      const results = [];
      for (const n of [BIG, BIG + 2n, 7n]) results.push(await db.$queryRaw<{ v: unknown }[]>`SELECT ${n} + 0 AS v, CAST(${n} AS INTEGER) AS w`);
      return results;
    });
    expect(withCache).toEqual(without);
    expect(withCache.map((rows) => JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))).toEqual(
      [BIG, BIG + 2n, 7n].map((n) => JSON.stringify([{ v: `${n}n`, w: `${n}n` }])),
    );
  });
});
