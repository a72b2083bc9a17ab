/**
 * The registry's public reference data (administrations, programmes, tiers, roles, agreements with
 * parties and status periods, recognitions, benefits) is small and read on nearly every request:
 * the headline query alone ran 12 registry statements. `RegistrySnapshot` is a RegistryReader that answers
 * exactly as SqlRegistryReader does, in the same order, from an immutable in-memory snapshot it loads
 * with a handful of statements.
 *
 * Freshness:
 * - Writes through this process (agreement mutations, via `InvalidatingWrites`) drop the snapshot
 *   when their transaction ends, so the rest of that request and every later one read the new data.
 * - Writes by another replica: at most `probeMs` (default 1 s) after its commit, a one-statement
 *   probe (number of agreements and the sum of their versions: every agreement write creates one or
 *   bumps its version) sees the change and the snapshot is reloaded. Between probes, no SQL at all.
 * The rows are shared between requests: resolvers read them and never change them (they are not frozen:
 * @apollo/subgraph tags the objects `__resolveReference` returns with their `__typename`).
 */
import type { Db } from './client.js';
import { groupBy, groupedInKeyOrder } from './batch.js';
import { SqlRegistryReader } from './registry-repository.js';
import type {
  AgreementChangeRecord,
  RegistryReader,
  Administration,
  Program,
  ProgramTier,
  ProgramRole,
  Agreement,
  AgreementParty,
  AgreementStatusPeriod,
  Benefit,
  RecognitionRow,
  AgreementListFilter,
  RegisterCoverage,
} from './registry-repository.js';
import { IdempotencyRepository, type IdempotentRequest, type Tx, type WriteOptions } from './idempotency-repository.js';

interface Snapshot {
  version: string;
  administrations: Administration[];
  administrationByCode: Map<string, Administration>;
  programs: Program[];
  programByCode: Map<string, Program>;
  tiers: ProgramTier[];
  roles: ProgramRole[];
  agreements: Agreement[];
  agreementById: Map<string, Agreement>;
  parties: AgreementParty[];
  statusPeriods: AgreementStatusPeriod[];
  recognitions: RecognitionRow[];
  recognitionById: Map<string, RecognitionRow>;
  benefits: Benefit[];
  benefitByCode: Map<string, Benefit>;
  registerCoverage: RegisterCoverage[];
  /** The rows of each list grouped by what the loaders ask for, in the list's order: built with the snapshot, not per request. */
  programsByAdministration: Map<string, Program[]>;
  tiersByProgram: Map<string, ProgramTier[]>;
  rolesByProgram: Map<string, ProgramRole[]>;
  partiesByAgreement: Map<string, AgreementParty[]>;
  agreementIdsByAdministration: Map<string, string[]>;
  agreementIdsByProgram: Map<string, string[]>;
  statusByAgreement: Map<string, AgreementStatusPeriod[]>;
  recognitionsByAgreement: Map<string, RecognitionRow[]>;
  recognitionsByProgram: Map<string, RecognitionRow[]>;
}

/** A loader's answer from a grouped index: one list per key, each a new array (callers may sort or extend theirs). */
const groupsOf = <K, T>(index: Map<K, T[]>, keys: readonly K[]): T[][] => keys.map((key) => index.get(key)?.slice() ?? []);

/** The agreements each party value takes part in, in agreement id order, each once. */
function agreementIdsBy(parties: readonly AgreementParty[], field: 'administrationCode' | 'programCode'): Map<string, string[]> {
  const byAgreement = [...parties].sort(by((r) => r.agreementId));
  return new Map([...groupBy(byAgreement, (r) => r[field])].map(([code, list]) => [code, [...new Set(list.map((r) => r.agreementId))]]));
}

const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const by =
  <T>(...keys: ((t: T) => string | number | null)[]) =>
  (a: T, b: T) => {
    for (const k of keys) {
      const c = cmp(k(a), k(b));
      if (c) return c;
    }
    return 0;
  };

export class RegistrySnapshot implements RegistryReader {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private probedAt = 0;
  private probing: Promise<void> | null = null;
  private generation = 0;

  constructor(
    private readonly database: Db,
    private readonly probeMs = 1000,
  ) {}

  /** Drops the snapshot: the next read loads a new one (after a write through this process). */
  invalidate() {
    this.generation++;
    this.snapshot = null;
    this.loading = null;
  }

  private async versionNow(): Promise<string> {
    const a = await this.database.agreement.aggregate({ _count: { _all: true }, _sum: { version: true } });
    return `${a._count._all}:${a._sum.version ?? 0}`;
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.probedAt >= this.probeMs) {
      this.probing ??= (async () => {
        const snapshot = this.snapshot;
        try {
          const version = await this.versionNow();
          if (snapshot && this.snapshot === snapshot && version !== snapshot.version) this.invalidate();
        } finally {
          this.probedAt = Date.now();
          this.probing = null;
        }
      })();
      await this.probing;
    }
    if (this.snapshot) return this.snapshot;
    const generation = this.generation;
    this.loading ??= this.load()
      .then((snapshot) => {
        if (generation === this.generation) {
          this.snapshot = snapshot;
          this.probedAt = Date.now();
        }
        return snapshot;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const db = this.database;
    // The version first: a write racing the load is seen by the next probe.
    const version = await this.versionNow();
    const [administrations, programs, tiers, roles, agreements, parties, statusPeriods, recognitions, benefits, registerCoverage] = await Promise.all([
      db.administration.findMany(),
      db.program.findMany(),
      db.programTier.findMany(),
      db.programRole.findMany(),
      db.agreement.findMany(),
      db.agreementParty.findMany(),
      db.agreementStatusPeriod.findMany(),
      db.recognition.findMany({ include: { benefits: { select: { benefitCode: true } } } }),
      db.benefit.findMany(),
      db.registerCoverage.findMany(),
    ]);
    administrations.sort(by((r) => r.code));
    programs.sort(by((r) => r.code));
    tiers.sort(
      by(
        (r) => r.rank,
        (r) => r.code,
      ),
    );
    roles.sort(by((r) => r.role));
    agreements.sort(
      by(
        (r) => r.signedOn,
        (r) => r.id,
      ),
    );
    parties.sort(
      by(
        (r) => r.administrationCode,
        (r) => r.agreementId,
        (r) => r.programCode,
      ),
    );
    statusPeriods.sort(
      by(
        (r) => r.from,
        (r) => r.id,
      ),
    );
    benefits.sort(by((r) => r.code));
    registerCoverage.sort(by((r) => r.administrationCode));
    const agreementById = new Map(agreements.map((a) => [a.id, a]));
    const periodsOf = groupedInKeyOrder(
      agreements.map((a) => a.id),
      statusPeriods,
      (p) => p.agreementId,
    );
    const periodsById = new Map(agreements.map((a, i) => [a.id, periodsOf[i]]));
    const rows: RecognitionRow[] = recognitions
      .map((r) => ({
        ...r,
        benefits: [...r.benefits].sort(by((b) => b.benefitCode)),
        agreement: { title: agreementById.get(r.agreementId)!.title, statusPeriods: periodsById.get(r.agreementId) ?? [] },
      }))
      .sort(by((r) => r.id));
    return {
      version,
      administrations,
      administrationByCode: new Map(administrations.map((a) => [a.code, a])),
      programs,
      programByCode: new Map(programs.map((p) => [p.code, p])),
      tiers,
      roles,
      agreements,
      agreementById,
      parties,
      statusPeriods,
      recognitions: rows,
      recognitionById: new Map(rows.map((r) => [r.id, r])),
      benefits,
      benefitByCode: new Map(benefits.map((b) => [b.code, b])),
      registerCoverage,
      programsByAdministration: groupBy(programs, (r) => r.administrationCode),
      tiersByProgram: groupBy(tiers, (r) => r.programCode),
      rolesByProgram: groupBy(roles, (r) => r.programCode),
      partiesByAgreement: groupBy(parties, (r) => r.agreementId),
      agreementIdsByAdministration: agreementIdsBy(parties, 'administrationCode'),
      agreementIdsByProgram: agreementIdsBy(parties, 'programCode'),
      statusByAgreement: groupBy(statusPeriods, (r) => r.agreementId),
      recognitionsByAgreement: groupBy(rows, (r) => r.agreementId),
      recognitionsByProgram: groupBy(rows, (r) => r.recognizedProgramCode),
    };
  }

  /** Not in the snapshot: read with SQL, only for answers as recorded at an earlier instant. */
  agreementChangesRecordedAfter(ids: readonly string[], instant: string): Promise<AgreementChangeRecord[][]> {
    return new SqlRegistryReader(this.database).agreementChangesRecordedAfter(ids, instant);
  }

  async listAdministrations(): Promise<Administration[]> {
    return (await this.current()).administrations;
  }

  async administrationsByCodes(codes: readonly string[]): Promise<(Administration | null)[]> {
    const s = await this.current();
    return codes.map((c) => s.administrationByCode.get(c) ?? null);
  }

  async listPrograms(administration?: string | null): Promise<Program[]> {
    const s = await this.current();
    return administration ? s.programs.filter((p) => p.administrationCode === administration) : s.programs;
  }

  async programsByCodes(codes: readonly string[]): Promise<(Program | null)[]> {
    const s = await this.current();
    return codes.map((c) => s.programByCode.get(c) ?? null);
  }

  async programsByAdministrations(codes: readonly string[]): Promise<Program[][]> {
    return groupsOf((await this.current()).programsByAdministration, codes);
  }

  async tiersByPrograms(codes: readonly string[]): Promise<ProgramTier[][]> {
    return groupsOf((await this.current()).tiersByProgram, codes);
  }

  async rolesByPrograms(codes: readonly string[]): Promise<ProgramRole[][]> {
    return groupsOf((await this.current()).rolesByProgram, codes);
  }

  async listAgreements(filter: AgreementListFilter): Promise<Agreement[]> {
    const s = await this.current();
    const partiesOf = (id: string) => s.parties.filter((p) => p.agreementId === id);
    return s.agreements.filter(
      (a) =>
        (!filter.kind || a.kind === filter.kind) &&
        (!filter.administration || partiesOf(a.id).some((p) => p.administrationCode === filter.administration)) &&
        (!filter.program || partiesOf(a.id).some((p) => p.programCode === filter.program)),
    );
  }

  async agreementsByIds(ids: readonly string[]): Promise<(Agreement | null)[]> {
    const s = await this.current();
    return ids.map((id) => s.agreementById.get(id) ?? null);
  }

  async partiesByAgreements(ids: readonly string[]): Promise<AgreementParty[][]> {
    return groupsOf((await this.current()).partiesByAgreement, ids);
  }

  async agreementIdsByParty(field: 'administrationCode' | 'programCode', codes: readonly string[]): Promise<string[][]> {
    const s = await this.current();
    return groupsOf(field === 'administrationCode' ? s.agreementIdsByAdministration : s.agreementIdsByProgram, codes);
  }

  async statusByAgreements(ids: readonly string[]): Promise<AgreementStatusPeriod[][]> {
    return groupsOf((await this.current()).statusByAgreement, ids);
  }

  async recognitionsByIds(ids: readonly string[]): Promise<(RecognitionRow | null)[]> {
    const s = await this.current();
    return ids.map((id) => s.recognitionById.get(id) ?? null);
  }

  async recognitionsBy(field: 'agreementId' | 'recognizedProgramCode', keys: readonly string[]): Promise<RecognitionRow[][]> {
    const s = await this.current();
    return groupsOf(field === 'agreementId' ? s.recognitionsByAgreement : s.recognitionsByProgram, keys);
  }

  async listBenefits(): Promise<Benefit[]> {
    return (await this.current()).benefits;
  }

  async benefitsByCodes(codes: readonly string[]): Promise<(Benefit | null)[]> {
    const s = await this.current();
    return codes.map((code) => s.benefitByCode.get(code) ?? null);
  }

  async listRegisterCoverage(): Promise<RegisterCoverage[]> {
    return (await this.current()).registerCoverage;
  }
}

/** Agreement writes that drop the registry snapshot when their transaction ends (committed or not). */
export class InvalidatingWrites extends IdempotencyRepository {
  constructor(
    db: Db,
    private readonly snapshot: RegistrySnapshot,
  ) {
    super(db);
  }

  override async write<R>(request: IdempotentRequest, work: (tx: Tx) => Promise<R>, options: WriteOptions<R>): Promise<R> {
    try {
      return await super.write(request, work, options);
    } finally {
      this.snapshot.invalidate();
    }
  }
}
