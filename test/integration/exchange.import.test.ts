/**
 * The register import CLI, run as a child process (`tsx src/cli/import.ts`) against a private
 * copy of the seeded test database: all or nothing, every problem reported by row and column, the same
 * event model as the API, ten thousand rows in one run. No wall-clock assertion: the import reports
 * its own rate (rows/s), and speed is measured outside the test suite.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/paths.js';
import { createDb, type Db } from '../../src/data/client.js';
import { parseDatabaseUrl } from '../../src/data/database-url.js';
import { templateDbPath, tmpDir } from '../support/paths.js';
import { REGISTER_HEADER, syntheticKoreanRegister } from '../support/register.js';

const fixture = join(projectRoot, 'test', 'fixtures', 'kr-kcs-register.csv');
const created: string[] = [];
afterAll(() => {
  for (const f of created) rmSync(f, { force: true });
});

function tempFile(suffix: string, content?: string): string {
  const file = join(tmpDir, `${randomUUID()}${suffix}`);
  if (content !== undefined) writeFileSync(file, content);
  created.push(file);
  return file;
}

function databaseCopy(): { url: string; db: Db } {
  const file = tempFile('.db');
  copyFileSync(templateDbPath, file);
  const url = `file:${file}`;
  return { url, db: createDb(parseDatabaseUrl(url)) };
}

function runImport(url: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'src', 'cli', 'import.ts'), ...args],
      {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A digest of everything an import may touch. */
async function snapshot(db: Db): Promise<string> {
  const [operators, roles, identifiers, certifications, events] = await Promise.all([
    db.operator.findMany({ orderBy: { id: 'asc' } }),
    db.operatorRole.findMany({ orderBy: [{ operatorId: 'asc' }, { role: 'asc' }] }),
    db.operatorIdentifier.findMany({ orderBy: [{ scheme: 'asc' }, { value: 'asc' }] }),
    db.certification.findMany({ orderBy: { id: 'asc' } }),
    db.certificationEvent.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return createHash('sha256').update(JSON.stringify({ operators, roles, identifiers, certifications, events })).digest('hex');
}

describe('npm run import', () => {
  it('--dry-run writes nothing; the import writes a valid register in one transaction through the event model; a second run changes nothing', async () => {
    const { url, db } = databaseCopy();
    try {
      const untouched = await snapshot(db);
      const dry = await runImport(url, ['--administration', 'KR-KCS', '--dry-run', fixture]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/Dry run, nothing was written/);
      expect(dry.stdout).toMatch(/operators: +5 created, 0 updated/);
      expect(await snapshot(db)).toBe(untouched);

      const first = await runImport(url, ['--administration', 'KR-KCS', fixture]);
      expect(first.stderr).not.toMatch(/problem/);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/imported in one transaction/);
      expect(first.stdout).toMatch(/operators: +5 created, 0 updated/);
      expect(first.stdout).toMatch(/certifications: +5 created, 2 changed, 1 rows unchanged/);
      expect(first.stderr).toMatch(/rows\/s/);

      // A new operator, found by its identifier, with its certification's history.
      const identifier = await db.operatorIdentifier.findUniqueOrThrow({
        where: { scheme_value: { scheme: 'KR_AEO_NO', value: 'KR-AEO-2016-X00004' } },
        include: { operator: true },
      });
      expect(identifier.operator).toMatchObject({
        administrationCode: 'KR-KCS',
        countryCode: 'KR',
        name: 'Bada Shipping Co., Ltd. (sample)',
        synthetic: false,
      });
      const revoked = await db.certification.findFirstOrThrow({
        where: { certificateNumber: 'KR-AEO-2016-X00004' },
        include: { events: { orderBy: { id: 'asc' } } },
      });
      expect(revoked).toMatchObject({ status: 'REVOKED', tierCode: 'AA', certifiedOn: '2016-11-30', version: 1 });
      expect(revoked.events.map((e) => [e.type, e.effectiveOn, e.statusBefore, e.statusAfter, e.recordedBy])).toEqual([
        ['CERTIFIED', '2016-11-30', null, 'CERTIFIED', 'register-import'],
        ['SUSPENDED', '2023-03-02', 'CERTIFIED', 'SUSPENDED', 'register-import'],
        ['REVOKED', '2023-09-01', 'SUSPENDED', 'REVOKED', 'register-import'],
      ]);
      // Existing operators matched by identifier: a suspension with its date, a reinstatement on the import date.
      const suspended = await db.certification.findUniqueOrThrow({
        where: { id: 'CERT-OP-KR-DEMO-0003' },
        include: { events: { orderBy: { id: 'desc' }, take: 1 } },
      });
      expect(suspended).toMatchObject({ status: 'SUSPENDED', version: 2 });
      expect(suspended.events[0]).toMatchObject({
        type: 'SUSPENDED',
        effectiveOn: '2025-02-01',
        statusBefore: 'CERTIFIED',
        reason: 'Register import of kr-kcs-register.csv, row 4',
      });
      const reinstated = await db.certification.findUniqueOrThrow({
        where: { id: 'CERT-OP-KR-DEMO-0002' },
        include: { events: { orderBy: { id: 'desc' }, take: 1 } },
      });
      expect(reinstated).toMatchObject({ status: 'CERTIFIED', version: 2 });
      expect(reinstated.events[0]).toMatchObject({ type: 'REINSTATED', statusBefore: 'SUSPENDED', statusAfter: 'CERTIFIED' });
      expect(await db.certification.findUniqueOrThrow({ where: { id: 'CERT-OP-KR-DEMO-0001' } })).toMatchObject({ version: 1, status: 'CERTIFIED' });

      const before = await snapshot(db);
      const second = await runImport(url, ['--administration', 'KR-KCS', fixture]);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/certifications: +0 created, 0 changed, 8 rows unchanged/);
      expect(await snapshot(db)).toBe(before);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);

  it('a file with bad rows changes nothing, exits 1 and reports every problem by row and column', async () => {
    const { url, db } = databaseCopy();
    try {
      const before = await snapshot(db);
      const file = tempFile(
        '.csv',
        [
          REGISTER_HEADER,
          /* 2 */ 'KR_AEO_NO,KR-AEO-2021-X00001,"Gaon Logistics Co., Ltd. (sample)","17 Haeun-daero, Busan",KR,CERTIFIED,2021-04-12,,,AA,FREIGHT_FORWARDER,KR-AEO-2021-X00001',
          /* 3 */ 'KR_AEO_NO,KR-AEO-2023-X00009,"Bad Row (sample)","1 Nowhere-ro, Busan",KR,ACTIVE,2023-02-30,,,AAAA,EXPORTER SMUGGLER,KR-AEO-2023-X00009',
          /* 4 */ 'KR_AEO_NO,KR-AEO-2023-X00010,"Wrong Country (sample)","2 Nowhere-ro, Busan",JP,SUSPENDED,2021-04-12,,,AA,EXPORTER,KR-AEO-2023-X00010',
          /* 5 */ 'KR_AEO_NO,KR-AEO-2022-X00005,"Saemmul Cosmetics Co., Ltd. (sample)","81 Dosan-daero, Seoul",KR,CERTIFIED,2022-06-07,,,A,EXPORTER,KR-AEO-2022-X00005',
          /* 6 */ 'KR_AEO_NO,KR-AEO-2019-D00001,"Hanbit Precision Co., Ltd. (demo)","55 Jungang-daero, Jung-gu, Busan",KR,REVOKED,2019-05-02,,2024-04-01,AAA,EXPORTER MANUFACTURER,KR-AEO-2019-D00001',
          /* 7 */ 'KR_AEO_NO,KR-AEO-2021-X00001,"Gaon Again (sample)","17 Haeun-daero, Busan",KR,CERTIFIED,2021-04-12,,,AA,FREIGHT_FORWARDER,KR-AEO-2021-X00011',
          /* 8 */ 'KR_AEO_NO,KR-AEO-2020-X00012,"Number Thief (sample)","5 Nowhere-ro, Busan",KR,CERTIFIED,2020-01-01,,,AA,EXPORTER,KR-AEO-2018-D00002',
        ].join('\n') + '\n',
      );

      const result = await runImport(url, ['--administration', 'KR-KCS', file]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/9 problems in 5 of 7 rows; nothing was imported/);
      const report = result.stderr.split('\n').filter((l) => /^row \d+/.test(l));
      expect(report.map((l) => l.slice(0, l.indexOf(':')))).toEqual([
        'row 3, column status',
        'row 3, column validation_date',
        'row 3, column tier',
        'row 3, column roles',
        'row 4, column country',
        'row 4, column suspension_date',
        'row 6, column revocation_date',
        'row 7, column identifier_value',
        'row 8, column certificate_number',
      ]);
      const at = (row: number, column: string) => report.find((l) => l.startsWith(`row ${row}, column ${column}:`))!;
      expect(at(3, 'status')).toMatch(/"ACTIVE" is not one of CERTIFIED, SUSPENDED, REVOKED/);
      expect(at(3, 'validation_date')).toMatch(/"2023-02-30" is not a calendar date/);
      expect(at(3, 'tier')).toMatch(/"AAAA" is not a tier of KR-AEO \(A, AA, AAA\)/);
      expect(at(3, 'roles')).toMatch(/"SMUGGLER" is not a role/);
      expect(at(4, 'country')).toMatch(/JP is not a country of KR-KCS/);
      expect(at(4, 'suspension_date')).toMatch(/is required/);
      expect(at(6, 'revocation_date')).toMatch(
        /REVOKED effective 2024-04-01 is before the latest recorded change of KR-AEO-2019-D00001 \(effective 2024-05-02\)/,
      );
      expect(at(7, 'identifier_value')).toMatch(/already on row 2/);
      expect(at(8, 'certificate_number')).toMatch(/KR-AEO-2018-D00002 is already the certificate of OP-KR-DEMO-0002/);

      expect(await snapshot(db)).toBe(before);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);

  it('usage errors exit 2 before touching the database', async () => {
    const usage = await runImport('file:/nonexistent/dir/x.db', [fixture]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--administration is required/);
    const missing = await runImport('file:/nonexistent/dir/x.db', ['--administration', 'KR-KCS', join(tmpDir, 'no-such-file.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
  }, 60_000);

  it('ten thousand rows in one run, with the rate reported', async () => {
    const { url, db } = databaseCopy();
    try {
      const file = tempFile('.csv', syntheticKoreanRegister(10_000));
      const result = await runImport(url, ['--administration', 'KR-KCS', file]);
      expect(result.stderr).not.toMatch(/problem/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/operators: +10000 created/);
      expect(await db.certification.count({ where: { certificateNumber: { contains: '-B0' } } })).toBe(10_000);
      expect(await db.certificationEvent.count({ where: { recordedBy: 'register-import' } })).toBe(11_000);
      const rate = (result.stderr.match(/writing .* rows\s+([\d,]+) rows\/s/) ?? [])[1];
      expect(rate).toBeDefined();
    } finally {
      await db.$disconnect();
    }
  }, 180_000);
});
