/**
 * Certification writes (every change is a conditional update on the version plus one event, in the
 * caller's transaction) and the change feed read.
 */
import type { Db } from './client.js';
import type { Certification, CertificationEvent, Operator } from './generated/sqlite/client.js';
import type { Tx } from './idempotency-repository.js';

export interface CertificationState {
  status: string;
  tierCode: string | null;
  validUntil: string | null;
}

/** What a change is checked against: the certification, who owns it, its programme's tiers and its latest event. */
export interface CertificationForChange {
  certification: Certification;
  operatorAdministration: string;
  /** The administration running the certification's programme (null if the programme is unknown). */
  programAdministration: string | null;
  tiers: string[];
  latestEvent: CertificationEvent | null;
}

export type NewEvent = Omit<CertificationEvent, 'id' | 'certificationId'>;

export interface ProgramForCertify {
  code: string;
  administrationCode: string;
  tiers: string[];
}

export interface ChangeFeedQuery {
  /** ISO 8601 timestamp (UTC, as toISOString writes it): events recorded at or after it. */
  since: string;
  afterId: number | null;
  take: number;
  /** Certifications of operators of this administration... */
  administrationCode: string;
  /** ...and of these programmes are visible. */
  recognizedPrograms: string[];
}

/** The latest event of a certification: the one that governs its current state. */
const latestFirst = [{ effectiveOn: 'desc' as const }, { recordedAt: 'desc' as const }, { id: 'desc' as const }];

export class CertificationChangesRepository {
  constructor(private readonly db: Db | Tx) {}

  async forChange(certificationId: string): Promise<CertificationForChange | null> {
    const certification = await this.db.certification.findUnique({
      where: { id: certificationId },
      include: { operator: { select: { administrationCode: true } } },
    });
    if (!certification) return null;
    const [program, latestEvent] = await Promise.all([
      this.db.program.findUnique({ where: { code: certification.programCode }, include: { tiers: { orderBy: { rank: 'asc' } } } }),
      this.db.certificationEvent.findFirst({ where: { certificationId }, orderBy: latestFirst }),
    ]);
    const { operator, ...row } = certification;
    return {
      certification: row,
      operatorAdministration: operator.administrationCode,
      programAdministration: program?.administrationCode ?? null,
      tiers: program?.tiers.map((t) => t.code) ?? [],
      latestEvent,
    };
  }

  async currentVersion(certificationId: string): Promise<number | null> {
    return (await this.db.certification.findUnique({ where: { id: certificationId }, select: { version: true } }))?.version ?? null;
  }

  /**
   * Sets the new state if the certification is still at `expectedVersion` (incrementing it) and records the
   * event; null when another write got there first (nothing written).
   */
  async apply(
    certificationId: string,
    expectedVersion: number,
    next: CertificationState,
    event: NewEvent,
  ): Promise<{ certification: Certification; event: CertificationEvent } | null> {
    const { count } = await this.db.certification.updateMany({
      where: { id: certificationId, version: expectedVersion },
      data: { status: next.status, tierCode: next.tierCode, validUntil: next.validUntil, version: { increment: 1 } },
    });
    if (count !== 1) return null;
    const created = await this.db.certificationEvent.create({ data: { ...event, certificationId } });
    const certification = await this.db.certification.findUniqueOrThrow({ where: { id: certificationId } });
    return { certification, event: created };
  }

  operator(operatorId: string): Promise<Operator | null> {
    return this.db.operator.findUnique({ where: { id: operatorId } });
  }

  async program(code: string): Promise<ProgramForCertify | null> {
    const program = await this.db.program.findUnique({ where: { code }, include: { tiers: { orderBy: { rank: 'asc' } } } });
    return program ? { code: program.code, administrationCode: program.administrationCode, tiers: program.tiers.map((t) => t.code) } : null;
  }

  certificationsOf(operatorId: string): Promise<Certification[]> {
    return this.db.certification.findMany({ where: { operatorId }, orderBy: { id: 'asc' } });
  }

  certificationByNumber(certificateNumber: string): Promise<Certification | null> {
    return this.db.certification.findUnique({ where: { certificateNumber } });
  }

  async certificationIdTaken(id: string): Promise<boolean> {
    return (await this.db.certification.count({ where: { id } })) > 0;
  }

  async create(certification: Omit<Certification, 'version'>, event: NewEvent): Promise<{ certification: Certification; event: CertificationEvent }> {
    const created = await this.db.certification.create({ data: { ...certification, version: 1 } });
    const createdEvent = await this.db.certificationEvent.create({ data: { ...event, certificationId: created.id } });
    return { certification: created, event: createdEvent };
  }

  /** The change feed: visible events recorded at or after `since`, by id, strictly after `afterId`. */
  listChanges(query: ChangeFeedQuery): Promise<CertificationEvent[]> {
    return this.db.certificationEvent.findMany({
      where: {
        recordedAt: { gte: query.since },
        ...(query.afterId !== null ? { id: { gt: query.afterId } } : {}),
        certification: {
          OR: [
            { operator: { administrationCode: query.administrationCode } },
            ...(query.recognizedPrograms.length ? [{ programCode: { in: query.recognizedPrograms } }] : []),
          ],
        },
      },
      orderBy: { id: 'asc' },
      take: query.take,
    });
  }
}
