/**
 * The two RegistryReader implementations answer alike (SQL on every call, and the in-memory snapshot the
 * registry subgraph uses); the snapshot runs no SQL between probes, and sees
 * another replica's agreement write within one probe interval (its own writes: at once, see
 * exchange.agreements.test.ts).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { SqlRegistryReader, type RegistryReader } from '../../src/data/registry-repository.js';
import { RegistrySnapshot } from '../../src/data/registry-snapshot.js';
import { templateDbPath, tmpDir } from '../support/paths.js';

const file = join(tmpDir, `${randomUUID()}.db`);
let statements = 0;
let db: Db;
let other: Db;

beforeAll(() => {
  copyFileSync(templateDbPath, file);
  db = createDb(parseDatabaseUrl(`file:${file}`), { onQuery: () => statements++ });
  other = createDb(parseDatabaseUrl(`file:${file}`));
});
afterAll(async () => {
  await db?.$disconnect();
  await other?.$disconnect();
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
});

describe('registry snapshot', () => {
  it('answers every batch method like the SQL reader, in the same order', async () => {
    const direct: RegistryReader = new SqlRegistryReader(db);
    const snapshot: RegistryReader = new RegistrySnapshot(db);
    const agreements = await direct.listAgreements({});
    const ids = [...agreements.map((a) => a.id), 'NOPE'];
    const admins = [...(await direct.listAdministrations()).map((a) => a.code), 'XX-NONE'];
    const programs = [...(await direct.listPrograms()).map((p) => p.code), 'XX-NONE'];
    const recognitionIds = (await direct.recognitionsBy('agreementId', ids)).flat().map((r) => r.id);
    const pairs: [string, (r: RegistryReader) => Promise<unknown>][] = [
      ['listAdministrations', (r) => r.listAdministrations()],
      ['administrationsByCodes', (r) => r.administrationsByCodes(admins)],
      ['listPrograms', (r) => r.listPrograms()],
      ['listPrograms(KR-KCS)', (r) => r.listPrograms('KR-KCS')],
      ['programsByCodes', (r) => r.programsByCodes(programs)],
      ['programsByAdministrations', (r) => r.programsByAdministrations(admins)],
      ['tiersByPrograms', (r) => r.tiersByPrograms(programs)],
      ['rolesByPrograms', (r) => r.rolesByPrograms(programs)],
      ['listAgreements', (r) => r.listAgreements({})],
      ['listAgreements(filter)', (r) => r.listAgreements({ administration: 'US-CBP', kind: 'MRA' })],
      ['listAgreements(program)', (r) => r.listAgreements({ program: 'KR-AEO' })],
      ['agreementsByIds', (r) => r.agreementsByIds(ids)],
      ['partiesByAgreements', (r) => r.partiesByAgreements(ids)],
      ['agreementIdsByParty(administration)', (r) => r.agreementIdsByParty('administrationCode', admins)],
      ['agreementIdsByParty(program)', (r) => r.agreementIdsByParty('programCode', programs)],
      ['statusByAgreements', (r) => r.statusByAgreements(ids)],
      ['recognitionsByIds', (r) => r.recognitionsByIds([...recognitionIds, 'NOPE'])],
      ['recognitionsBy(agreement)', (r) => r.recognitionsBy('agreementId', ids)],
      ['recognitionsBy(program)', (r) => r.recognitionsBy('recognizedProgramCode', programs)],
      ['listBenefits', (r) => r.listBenefits()],
      ['benefitsByCodes', (r) => r.benefitsByCodes(['REDUCED_EXAMINATIONS', 'NOPE', 'PRIORITY_CLEARANCE'])],
      ['listRegisterCoverage', (r) => r.listRegisterCoverage()],
    ];
    expect(agreements.length).toBeGreaterThan(10);
    expect((await direct.listRegisterCoverage()).map((c) => [c.administrationCode, c.completeAsOf])).toEqual([['US-CBP', '2014-12-01']]);
    for (const [name, call] of pairs) expect(await call(snapshot), name).toEqual(await call(direct));
  });

  it("runs no SQL between probes, and sees another replica's write after one probe interval", async () => {
    const snapshot = new RegistrySnapshot(db, 200);
    const before = (await snapshot.agreementsByIds(['MRA-US-KR']))[0]!;
    statements = 0;
    for (let i = 0; i < 20; i++) await snapshot.agreementsByIds(['MRA-US-KR']);
    expect(statements).toBe(0);
    await other.agreement.update({ where: { id: 'MRA-US-KR' }, data: { title: 'changed elsewhere', version: { increment: 1 } } });
    // Poll (bounded) until the next probe has seen the write: one interval, plus slack for a busy machine.
    const started = Date.now();
    let after = before;
    while (after.title !== 'changed elsewhere' && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 20));
      after = (await snapshot.agreementsByIds(['MRA-US-KR']))[0]!;
    }
    expect(before.title).not.toBe('changed elsewhere');
    expect(after.title).toBe('changed elsewhere');
  });

  it('invalidate() makes the next read load the new data at once', async () => {
    const snapshot = new RegistrySnapshot(db, 60_000);
    await snapshot.listAgreements({});
    await other.agreement.update({ where: { id: 'MRA-US-KR' }, data: { title: 'changed here', version: { increment: 1 } } });
    expect((await snapshot.agreementsByIds(['MRA-US-KR']))[0]!.title).not.toBe('changed here');
    snapshot.invalidate();
    expect((await snapshot.agreementsByIds(['MRA-US-KR']))[0]!.title).toBe('changed here');
  });
});
