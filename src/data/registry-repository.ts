/** Registry data access: administrations, programmes, agreements, recognitions, benefits. Batch methods return in key order. */
import type { Db } from './client.js';
import { groupedInKeyOrder, inKeyOrder } from './batch.js';
import type {
  Administration,
  Program,
  ProgramTier,
  ProgramRole,
  Agreement,
  AgreementParty,
  AgreementStatusPeriod,
  Benefit,
  RegisterCoverage,
} from './generated/sqlite/client.js';
import type { Prisma } from './generated/sqlite/client.js';

export type { Administration, Program, ProgramTier, ProgramRole, Agreement, AgreementParty, AgreementStatusPeriod, Benefit, RegisterCoverage };

/** Every recognition is loaded with what the recognition rules need, in one shape. */
export const recognitionInclude = {
  benefits: { select: { benefitCode: true } },
  agreement: { select: { title: true, statusPeriods: { orderBy: { from: 'asc' } } } },
} as const satisfies Prisma.RecognitionInclude;
export type RecognitionRow = Prisma.RecognitionGetPayload<{ include: typeof recognitionInclude }>;

/** An agreement status change with what it replaced (see AgreementChangesRepository.changeStatus). */
export type AgreementChangeRecord = Prisma.AgreementChangeGetPayload<{ include: { directions: true } }>;

export interface AgreementListFilter {
  administration?: string | null;
  program?: string | null;
  kind?: string | null;
}

/**
 * Reads of the registry's reference data, as the registry subgraph's loaders use them. Batch methods
 * answer in key order (null or [] for a missing key). Two implementations answer alike
 * (test/integration/registry-snapshot.test.ts): SQL on every call (`SqlRegistryReader`) and an
 * in-memory snapshot (`RegistrySnapshot`, registry-snapshot.ts), which the registry subgraph uses.
 */
export interface RegistryReader {
  listAdministrations(): Promise<Administration[]>;
  administrationsByCodes(codes: readonly string[]): Promise<(Administration | null)[]>;
  listPrograms(administration?: string | null): Promise<Program[]>;
  programsByCodes(codes: readonly string[]): Promise<(Program | null)[]>;
  programsByAdministrations(codes: readonly string[]): Promise<Program[][]>;
  tiersByPrograms(codes: readonly string[]): Promise<ProgramTier[][]>;
  rolesByPrograms(codes: readonly string[]): Promise<ProgramRole[][]>;
  listAgreements(filter: AgreementListFilter): Promise<Agreement[]>;
  agreementsByIds(ids: readonly string[]): Promise<(Agreement | null)[]>;
  partiesByAgreements(ids: readonly string[]): Promise<AgreementParty[][]>;
  agreementIdsByParty(field: 'administrationCode' | 'programCode', codes: readonly string[]): Promise<string[][]>;
  statusByAgreements(ids: readonly string[]): Promise<AgreementStatusPeriod[][]>;
  recognitionsByIds(ids: readonly string[]): Promise<(RecognitionRow | null)[]>;
  recognitionsBy(field: 'agreementId' | 'recognizedProgramCode', keys: readonly string[]): Promise<RecognitionRow[][]>;
  listBenefits(): Promise<Benefit[]>;
  benefitsByCodes(codes: readonly string[]): Promise<(Benefit | null)[]>;
  /** Where the register's list of an administration's arrangements is known complete (by administration code). */
  listRegisterCoverage(): Promise<RegisterCoverage[]>;
  /** The status changes of each agreement recorded after `instant`, with what each replaced (answers as recorded at an earlier instant). */
  agreementChangesRecordedAfter(ids: readonly string[], instant: string): Promise<AgreementChangeRecord[][]>;
}

/** The registry read with SQL on every call. */
export class SqlRegistryReader implements RegistryReader {
  constructor(private readonly db: Db) {}

  listAdministrations(): Promise<Administration[]> {
    return this.db.administration.findMany({ orderBy: { code: 'asc' } });
  }

  listRegisterCoverage(): Promise<RegisterCoverage[]> {
    return this.db.registerCoverage.findMany({ orderBy: { administrationCode: 'asc' } });
  }

  async administrationsByCodes(codes: readonly string[]): Promise<(Administration | null)[]> {
    const rows = await this.db.administration.findMany({ where: { code: { in: [...codes] } } });
    return inKeyOrder(codes, rows, (r) => r.code);
  }

  listPrograms(administration?: string | null): Promise<Program[]> {
    return this.db.program.findMany({ where: administration ? { administrationCode: administration } : {}, orderBy: { code: 'asc' } });
  }

  async programsByCodes(codes: readonly string[]): Promise<(Program | null)[]> {
    const rows = await this.db.program.findMany({ where: { code: { in: [...codes] } } });
    return inKeyOrder(codes, rows, (r) => r.code);
  }

  async programsByAdministrations(codes: readonly string[]): Promise<Program[][]> {
    const rows = await this.db.program.findMany({ where: { administrationCode: { in: [...codes] } }, orderBy: { code: 'asc' } });
    return groupedInKeyOrder(codes, rows, (r) => r.administrationCode);
  }

  async tiersByPrograms(codes: readonly string[]): Promise<ProgramTier[][]> {
    const rows = await this.db.programTier.findMany({ where: { programCode: { in: [...codes] } }, orderBy: [{ rank: 'asc' }, { code: 'asc' }] });
    return groupedInKeyOrder(codes, rows, (r) => r.programCode);
  }

  async rolesByPrograms(codes: readonly string[]): Promise<ProgramRole[][]> {
    const rows = await this.db.programRole.findMany({ where: { programCode: { in: [...codes] } }, orderBy: { role: 'asc' } });
    return groupedInKeyOrder(codes, rows, (r) => r.programCode);
  }

  listAgreements(filter: AgreementListFilter): Promise<Agreement[]> {
    const parties: Prisma.AgreementPartyListRelationFilter[] = [];
    if (filter.administration) parties.push({ some: { administrationCode: filter.administration } });
    if (filter.program) parties.push({ some: { programCode: filter.program } });
    return this.db.agreement.findMany({
      where: {
        ...(filter.kind ? { kind: filter.kind } : {}),
        AND: parties.map((p) => ({ parties: p })),
      },
      orderBy: [{ signedOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    });
  }

  async agreementsByIds(ids: readonly string[]): Promise<(Agreement | null)[]> {
    const rows = await this.db.agreement.findMany({ where: { id: { in: [...ids] } } });
    return inKeyOrder(ids, rows, (r) => r.id);
  }

  async partiesByAgreements(ids: readonly string[]): Promise<AgreementParty[][]> {
    const rows = await this.db.agreementParty.findMany({ where: { agreementId: { in: [...ids] } }, orderBy: { administrationCode: 'asc' } });
    return groupedInKeyOrder(ids, rows, (r) => r.agreementId);
  }

  async agreementIdsByParty(field: 'administrationCode' | 'programCode', codes: readonly string[]): Promise<string[][]> {
    const rows = await this.db.agreementParty.findMany({ where: { [field]: { in: [...codes] } }, orderBy: { agreementId: 'asc' } });
    return groupedInKeyOrder(codes, rows, (r) => r[field]).map((list) => [...new Set(list.map((r) => r.agreementId))]);
  }

  async statusByAgreements(ids: readonly string[]): Promise<AgreementStatusPeriod[][]> {
    const rows = await this.db.agreementStatusPeriod.findMany({ where: { agreementId: { in: [...ids] } }, orderBy: { from: 'asc' } });
    return groupedInKeyOrder(ids, rows, (r) => r.agreementId);
  }

  async recognitionsByIds(ids: readonly string[]): Promise<(RecognitionRow | null)[]> {
    const rows = await this.db.recognition.findMany({ where: { id: { in: [...ids] } }, include: recognitionInclude });
    return inKeyOrder(ids, rows, (r) => r.id);
  }

  async recognitionsBy(field: 'agreementId' | 'recognizedProgramCode', keys: readonly string[]): Promise<RecognitionRow[][]> {
    const rows = await this.db.recognition.findMany({ where: { [field]: { in: [...keys] } }, include: recognitionInclude, orderBy: { id: 'asc' } });
    return groupedInKeyOrder(keys, rows, (r) => r[field]);
  }

  /**
   * The status changes of each agreement recorded after `instant` (an ISO 8601 UTC timestamp, as recordedAt is
   * stored), with what each replaced: read only for answers as recorded at an earlier instant.
   */
  async agreementChangesRecordedAfter(ids: readonly string[], instant: string): Promise<AgreementChangeRecord[][]> {
    const rows = await this.db.agreementChange.findMany({
      where: { agreementId: { in: [...ids] }, recordedAt: { gt: instant } },
      include: { directions: { orderBy: { recognitionId: 'asc' } } },
      orderBy: { id: 'asc' },
    });
    return groupedInKeyOrder(ids, rows, (r) => r.agreementId);
  }

  listBenefits(): Promise<Benefit[]> {
    return this.db.benefit.findMany({ orderBy: { code: 'asc' } });
  }

  async benefitsByCodes(codes: readonly string[]): Promise<(Benefit | null)[]> {
    const rows = await this.db.benefit.findMany({ where: { code: { in: [...codes] } } });
    return inKeyOrder(codes, rows, (r) => r.code);
  }
}
