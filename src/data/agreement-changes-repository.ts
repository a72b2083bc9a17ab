/**
 * Agreement writes, in the caller's transaction: proposals (pending until every other party confirms),
 * recording a confirmed arrangement and changing its status over time. Also reads the proposals.
 */
import type { Agreement, AgreementParty, AgreementProposal, AgreementStatusPeriod, Recognition } from './generated/sqlite/client.js';
import type { Tx } from './idempotency-repository.js';

/** What a party proposes (the proposeAgreement input), kept as sent until the others decide. */
export interface ProposedAgreement {
  id: string;
  kind?: string | null;
  title: string;
  parties: { administration: string; program: string }[];
  signedOn: string;
  signedAt?: string | null;
  inForceFrom?: string | null;
  directions: {
    recognizingAdministration: string;
    recognizedProgram: string;
    eligibleTiers?: string[] | null;
    coveredRoles?: string[] | null;
    effectiveFrom?: string | null;
    effectiveTo?: string | null;
    benefits?: string[] | null;
    note?: string | null;
  }[];
  directionNote?: string | null;
  scopeNote?: string | null;
  sources?: string[] | null;
}

/** A proposal row with its proposal parsed and its lists split. */
export interface AgreementProposalView extends AgreementProposal {
  proposal: ProposedAgreement;
  awaitingAdministrations: string[];
  /** Administration and client of each confirmation, in order. */
  confirmations: { administration: string; client: string }[];
}

const words = (text: string) => text.split(' ').filter(Boolean);

function view(row: AgreementProposal): AgreementProposalView {
  return {
    ...row,
    proposal: JSON.parse(row.input) as ProposedAgreement,
    awaitingAdministrations: words(row.awaiting),
    confirmations: words(row.confirmedBy).map((pair) => {
      const [administration, client] = pair.split('=');
      return { administration, client };
    }),
  };
}

export interface ProposalDecision {
  status: string;
  awaiting: string[];
  confirmations: { administration: string; client: string }[];
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

export interface AgreementForChange {
  agreement: Agreement;
  parties: AgreementParty[];
  /** Ordered by from. */
  statusPeriods: AgreementStatusPeriod[];
  recognitions: Recognition[];
}

export interface ProgramFacts {
  code: string;
  administrationCode: string;
  tiers: string[];
}

export interface NewAgreement {
  agreement: Omit<Agreement, 'version'>;
  parties: AgreementParty[];
  statusPeriods: Omit<AgreementStatusPeriod, 'id' | 'agreementId'>[];
  recognitions: (Omit<Recognition, 'agreementId'> & { benefitCodes: string[]; benefitDetail: string })[];
}

export interface RecognitionDates {
  id: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  effectiveBasis: string;
  recordedAt: string;
  recordedBy: string;
}

export class AgreementChangesRepository {
  constructor(private readonly tx: Tx) {}

  async forChange(id: string): Promise<AgreementForChange | null> {
    const agreement = await this.tx.agreement.findUnique({
      where: { id },
      include: { parties: true, statusPeriods: { orderBy: [{ from: 'asc' }, { id: 'asc' }] }, recognitions: { orderBy: { id: 'asc' } } },
    });
    if (!agreement) return null;
    const { parties, statusPeriods, recognitions, ...row } = agreement;
    return { agreement: row, parties, statusPeriods, recognitions };
  }

  async currentVersion(id: string): Promise<number | null> {
    return (await this.tx.agreement.findUnique({ where: { id }, select: { version: true } }))?.version ?? null;
  }

  /** The latest proposal for an agreement id (a declined one may be followed by a new one). */
  async latestProposal(agreementId: string): Promise<AgreementProposalView | null> {
    const row = await this.tx.agreementProposal.findFirst({ where: { agreementId }, orderBy: { id: 'desc' } });
    return row ? view(row) : null;
  }

  async createProposal(input: {
    proposal: ProposedAgreement;
    proposedByAdministration: string;
    proposedBy: string;
    proposedAt: string;
    awaiting: string[];
  }): Promise<AgreementProposalView> {
    const row = await this.tx.agreementProposal.create({
      data: {
        agreementId: input.proposal.id,
        input: JSON.stringify(input.proposal),
        proposedByAdministration: input.proposedByAdministration,
        proposedBy: input.proposedBy,
        proposedAt: input.proposedAt,
        status: 'PENDING',
        awaiting: input.awaiting.join(' '),
      },
    });
    return view(row);
  }

  /** Records a decision on a proposal still PENDING and awaiting exactly `awaitingBefore`; null when another decision got there first. */
  async decide(id: number, awaitingBefore: string[], decision: ProposalDecision): Promise<AgreementProposalView | null> {
    const { count } = await this.tx.agreementProposal.updateMany({
      where: { id, status: 'PENDING', awaiting: awaitingBefore.join(' ') },
      data: {
        status: decision.status,
        awaiting: decision.awaiting.join(' '),
        confirmedBy: decision.confirmations.map((c) => `${c.administration}=${c.client}`).join(' '),
        decidedAt: decision.decidedAt,
        decidedBy: decision.decidedBy,
        decisionReason: decision.decisionReason,
      },
    });
    return count === 1 ? view(await this.tx.agreementProposal.findUniqueOrThrow({ where: { id } })) : null;
  }

  /** The proposals `administrationCode` is a party to, newest first (optionally in one status). */
  async proposalsFor(administrationCode: string, status: string | null): Promise<AgreementProposalView[]> {
    const rows = await this.tx.agreementProposal.findMany({ where: status ? { status } : {}, orderBy: { id: 'desc' } });
    return rows.map(view).filter((p) => p.proposal.parties.some((party) => party.administration === administrationCode));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.tx.agreement.count({ where: { id } })) > 0;
  }

  async administrationCodes(codes: string[]): Promise<Set<string>> {
    const rows = await this.tx.administration.findMany({ where: { code: { in: codes } }, select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }

  async programs(codes: string[]): Promise<Map<string, ProgramFacts>> {
    const rows = await this.tx.program.findMany({ where: { code: { in: codes } }, include: { tiers: { orderBy: { rank: 'asc' } } } });
    return new Map(rows.map((p) => [p.code, { code: p.code, administrationCode: p.administrationCode, tiers: p.tiers.map((t) => t.code) }]));
  }

  async benefitCodes(codes: string[]): Promise<Set<string>> {
    const rows = await this.tx.benefit.findMany({ where: { code: { in: codes } }, select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }

  async create(input: NewAgreement): Promise<Agreement> {
    const agreement = await this.tx.agreement.create({ data: { ...input.agreement, version: 1 } });
    await this.tx.agreementParty.createMany({ data: input.parties });
    if (input.statusPeriods.length)
      await this.tx.agreementStatusPeriod.createMany({ data: input.statusPeriods.map((p) => ({ ...p, agreementId: agreement.id })) });
    if (input.recognitions.length) {
      await this.tx.recognition.createMany({
        data: input.recognitions.map(({ benefitCodes: _b, benefitDetail: _d, ...r }) => ({ ...r, agreementId: agreement.id })),
      });
      const benefits = input.recognitions.flatMap((r) => r.benefitCodes.map((benefitCode) => ({ recognitionId: r.id, benefitCode, detail: r.benefitDetail })));
      if (benefits.length) await this.tx.recognitionBenefit.createMany({ data: benefits });
    }
    return agreement;
  }

  /**
   * If the agreement is still at `expectedVersion`: increments it, ends the current status period, starts the
   * new one and sets the directions' dates, and records the change with what it replaced (AgreementChange:
   * the closed period's end and the directions' dates before and after). Null when another write got there
   * first (nothing written).
   */
  async changeStatus(
    id: string,
    expectedVersion: number,
    close: { periodId: number; to: string } | null,
    period: Omit<AgreementStatusPeriod, 'id' | 'agreementId'>,
    recognitions: RecognitionDates[],
  ): Promise<{ agreement: Agreement; period: AgreementStatusPeriod } | null> {
    const { count } = await this.tx.agreement.updateMany({ where: { id, version: expectedVersion }, data: { version: { increment: 1 } } });
    if (count !== 1) return null;
    // What this change replaces, kept so that the agreement as known before it can be rebuilt (asRecordedAt).
    const closed = close ? await this.tx.agreementStatusPeriod.findUniqueOrThrow({ where: { id: close.periodId }, select: { to: true } }) : null;
    const before = new Map((await this.tx.recognition.findMany({ where: { id: { in: recognitions.map((r) => r.id) } } })).map((r) => [r.id, r] as const));
    if (close) await this.tx.agreementStatusPeriod.update({ where: { id: close.periodId }, data: { to: close.to } });
    const created = await this.tx.agreementStatusPeriod.create({ data: { ...period, agreementId: id } });
    for (const r of recognitions) {
      await this.tx.recognition.update({
        where: { id: r.id },
        data: {
          effectiveFrom: r.effectiveFrom,
          effectiveTo: r.effectiveTo,
          effectiveBasis: r.effectiveBasis,
          recordedAt: r.recordedAt,
          recordedBy: r.recordedBy,
        },
      });
    }
    await this.tx.agreementChange.create({
      data: {
        agreementId: id,
        statusPeriodId: created.id,
        recordedAt: period.recordedAt ?? new Date().toISOString(),
        recordedBy: period.recordedBy ?? '',
        closedPeriodId: close?.periodId ?? null,
        closedPeriodToBefore: closed?.to ?? null,
        directions: {
          create: recognitions
            .filter((r) => before.has(r.id))
            .map((r) => {
              const was = before.get(r.id)!;
              return {
                recognitionId: r.id,
                effectiveFromBefore: was.effectiveFrom,
                effectiveToBefore: was.effectiveTo,
                effectiveBasisBefore: was.effectiveBasis,
                effectiveFromAfter: r.effectiveFrom,
                effectiveToAfter: r.effectiveTo,
                effectiveBasisAfter: r.effectiveBasis,
              };
            }),
        },
      },
    });
    const agreement = await this.tx.agreement.findUniqueOrThrow({ where: { id } });
    return { agreement, period: created };
  }
}
