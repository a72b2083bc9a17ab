/**
 * Bulk reads and the all-or-nothing write of a register import (src/exchange/register-import.ts).
 * Reads are chunked `IN` queries (no per-row round trips); the write is one interactive transaction of
 * multi-row INSERTs and grouped conditional updates.
 *
 * The INSERTs are parameterized raw SQL, portable between SQLite and PostgreSQL (quoted identifiers, only
 * text and NULL values, defaults for the rest): Prisma's createMany costs about 0.2 ms per row in its query
 * compiler, which made ten thousand register rows (some fifty thousand table rows) take tens of seconds.
 */
import type { Db } from './client.js';
import type { DatabaseProvider } from './database-url.js';
import type { Tx } from './idempotency-repository.js';
import type { Certification, Operator, OperatorRole } from './generated/sqlite/client.js';
import type { NewEvent } from './certification-changes-repository.js';

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface AdministrationFacts {
  code: string;
  countries: string[];
  programs: { code: string; tiers: string[] }[];
}

export interface IdentifierRow {
  operatorId: string;
  scheme: string;
  value: string;
}

export type OperatorWithRoles = Operator & { roles: OperatorRole[] };

export interface CertificationUpdate {
  id: string;
  expectedVersion: number;
  status: string;
  tierCode: string | null;
  validUntil: string | null;
}

export interface RegisterWrite {
  operators: Operator[];
  roles: OperatorRole[];
  identifiers: IdentifierRow[];
  operatorUpdates: { id: string; name: string; address: string; countryCode: string }[];
  /** Operators whose roles are replaced by `roles` entries with their id. */
  roleReplacements: string[];
  certifications: Omit<Certification, 'version'>[];
  certificationUpdates: CertificationUpdate[];
  events: (NewEvent & { certificationId: string })[];
}

const EVENT_COLUMNS = [
  'certificationId',
  'type',
  'effectiveOn',
  'recordedAt',
  'recordedBy',
  'statusBefore',
  'tierBefore',
  'validUntilBefore',
  'statusAfter',
  'tierAfter',
  'validUntilAfter',
  'reason',
] as const;

/** Another write changed a certification between the check and the import: nothing was written. */
export class ConcurrentChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConcurrentChangeError';
  }
}

/** Multi-row INSERT of text/NULL values; columns not listed take their defaults. */
async function insertRows(
  tx: Tx,
  provider: DatabaseProvider,
  table: string,
  columns: string[],
  rows: (string | null)[][],
  onChunk?: (n: number) => void,
): Promise<void> {
  const perChunk = Math.max(1, Math.floor(6000 / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  for (const part of chunks(rows, perChunk)) {
    let n = 0;
    const values = part.map(() => `(${columns.map(() => (provider === 'postgresql' ? `$${++n}` : '?')).join(', ')})`).join(', ');
    await tx.$executeRawUnsafe(head + values, ...part.flat());
    onChunk?.(part.length);
  }
}

export class RegisterImportRepository {
  constructor(
    private readonly db: Db,
    private readonly provider: DatabaseProvider,
  ) {}

  async administration(code: string): Promise<AdministrationFacts | null> {
    const row = await this.db.administration.findUnique({
      where: { code },
      include: { programs: { orderBy: { code: 'asc' }, include: { tiers: { orderBy: { rank: 'asc' } } } } },
    });
    if (!row) return null;
    return {
      code: row.code,
      countries: row.countries.split(/\s+/).filter(Boolean),
      programs: row.programs.map((p) => ({ code: p.code, tiers: p.tiers.map((t) => t.code) })),
    };
  }

  /** Existing identifiers among (scheme, value) pairs. */
  async identifiers(pairs: { scheme: string; value: string }[]): Promise<IdentifierRow[]> {
    const byScheme = new Map<string, string[]>();
    for (const p of pairs) {
      const values = byScheme.get(p.scheme);
      if (values) values.push(p.value);
      else byScheme.set(p.scheme, [p.value]);
    }
    const out: IdentifierRow[] = [];
    for (const [scheme, values] of byScheme) {
      for (const part of chunks([...new Set(values)])) {
        out.push(
          ...(await this.db.operatorIdentifier.findMany({ where: { scheme, value: { in: part } }, select: { operatorId: true, scheme: true, value: true } })),
        );
      }
    }
    return out;
  }

  async operators(ids: string[]): Promise<OperatorWithRoles[]> {
    const out: OperatorWithRoles[] = [];
    for (const part of chunks([...new Set(ids)])) out.push(...(await this.db.operator.findMany({ where: { id: { in: part } }, include: { roles: true } })));
    return out;
  }

  async existingOperatorIds(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      for (const r of await this.db.operator.findMany({ where: { id: { in: part } }, select: { id: true } })) out.add(r.id);
    }
    return out;
  }

  /** Every certification of these operators (any programme). */
  async certificationsOfOperators(ids: string[]): Promise<Certification[]> {
    const out: Certification[] = [];
    for (const part of chunks([...new Set(ids)])) out.push(...(await this.db.certification.findMany({ where: { operatorId: { in: part } } })));
    return out;
  }

  async certificationsByNumbers(numbers: string[]): Promise<Certification[]> {
    const out: Certification[] = [];
    for (const part of chunks([...new Set(numbers)])) out.push(...(await this.db.certification.findMany({ where: { certificateNumber: { in: part } } })));
    return out;
  }

  /** The latest effective date of each certification's events. */
  async latestEffectiveDates(certificationIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(certificationIds)])) {
      const rows = await this.db.certificationEvent.groupBy({ by: ['certificationId'], where: { certificationId: { in: part } }, _max: { effectiveOn: true } });
      for (const r of rows) if (r._max.effectiveOn) out.set(r.certificationId, r._max.effectiveOn);
    }
    return out;
  }

  /** Writes everything in one transaction; `progress` gets the number of rows written so far. */
  async write(plan: RegisterWrite, progress?: (written: number) => void, timeoutMs = 600_000): Promise<void> {
    let written = 0;
    const step = (n: number) => {
      written += n;
      progress?.(written);
    };
    const provider = this.provider;
    await this.db.$transaction(
      async (tx) => {
        await insertRows(
          tx,
          provider,
          'Operator',
          ['id', 'name', 'countryCode', 'address', 'administrationCode'],
          plan.operators.map((o) => [o.id, o.name, o.countryCode, o.address, o.administrationCode]),
          step,
        );
        for (const op of plan.operatorUpdates) {
          await tx.operator.update({ where: { id: op.id }, data: { name: op.name, address: op.address, countryCode: op.countryCode } });
          step(1);
        }
        for (const part of chunks(plan.roleReplacements)) await tx.operatorRole.deleteMany({ where: { operatorId: { in: part } } });
        await insertRows(
          tx,
          provider,
          'OperatorRole',
          ['operatorId', 'role'],
          plan.roles.map((r) => [r.operatorId, r.role]),
        );
        await insertRows(
          tx,
          provider,
          'OperatorIdentifier',
          ['operatorId', 'scheme', 'value'],
          plan.identifiers.map((i) => [i.operatorId, i.scheme, i.value]),
        );
        await insertRows(
          tx,
          provider,
          'Certification',
          ['id', 'operatorId', 'programCode', 'tierCode', 'status', 'certificateNumber', 'certifiedOn', 'validUntil'],
          plan.certifications.map((c) => [c.id, c.operatorId, c.programCode, c.tierCode, c.status, c.certificateNumber, c.certifiedOn, c.validUntil]),
          step,
        );
        // Changed certifications, grouped by their new state: one conditional update per group and chunk.
        const groups = new Map<string, CertificationUpdate[]>();
        for (const u of plan.certificationUpdates) {
          const key = JSON.stringify([u.status, u.tierCode, u.validUntil]);
          const group = groups.get(key);
          if (group) group.push(u);
          else groups.set(key, [u]);
        }
        for (const group of groups.values()) {
          const { status, tierCode, validUntil } = group[0];
          for (const part of chunks(group, 500)) {
            let n = 0;
            const p = () => (provider === 'postgresql' ? `$${++n}` : '?');
            const sql =
              `UPDATE "Certification" SET "status" = ${p()}, "tierCode" = ${p()}, "validUntil" = ${p()}, "version" = "version" + 1 WHERE ` +
              part.map(() => `("id" = ${p()} AND "version" = ${p()})`).join(' OR ');
            const count = await tx.$executeRawUnsafe(sql, status, tierCode, validUntil, ...part.flatMap((u) => [u.id, u.expectedVersion]));
            if (count !== part.length) {
              throw new ConcurrentChangeError(
                `${part.length - count} certification(s) were changed by someone else during the import; nothing was written. Run the import again.`,
              );
            }
            step(part.length);
          }
        }
        await insertRows(
          tx,
          provider,
          'CertificationEvent',
          [...EVENT_COLUMNS],
          plan.events.map((e) => EVENT_COLUMNS.map((c) => e[c])),
        );
      },
      { timeout: timeoutMs, maxWait: 30_000 },
    );
  }
}
