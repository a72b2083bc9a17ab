/**
 * Agreement changes over HTTP through the real gateway, as the parties' registrars sending trusted documents.
 * Each administration records only its own acts: a proposal is PENDING (no effect on recognition or
 * need-to-know) until the other party confirms it; a party dates only its own directions and lifts only its
 * own suspensions; dates changing recognition are at most the retroactive window (30 days) in the past, and
 * what was dated back says so (recordedAt, recordedBy, retroactive). Recognition follows by date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack, type Json } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';
import { todayUtc } from '../../src/domain/dates.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const manifest = buildManifest();
const run = <T = Json>(name: string, variables: Record<string, unknown>, as: string, headers?: Record<string, string>): Promise<GraphQLResult<T>> =>
  stack.postBody<T>({ documentId: `sha256:${manifest.operations.find((o) => o.name === name)!.id}`, variables }, { as, headers });

/** The date `n` days before today (UTC). */
const daysAgo = (n: number) => {
  const d = new Date(`${todayUtc()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

const krBr = {
  id: 'MRA-KR-BR',
  title: 'Korea (KCS) - Brazil (RFB): AEO / OEA mutual recognition (test)',
  parties: [
    { administration: 'KR-KCS', program: 'KR-AEO' },
    { administration: 'BR-RFB', program: 'BR-OEA' },
  ],
  signedOn: '2025-01-10',
  inForceFrom: daysAgo(20),
  directions: [
    { recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', eligibleTiers: ['AA', 'AAA'], benefits: ['REDUCED_EXAMINATIONS'] },
    { recognizingAdministration: 'KR-KCS', recognizedProgram: 'BR-OEA', benefits: ['PRIORITY_CLEARANCE'] },
  ],
  sources: ['https://example.org/kr-br-mra'],
};

const recognizedBy = async (program: string, asOf: string) =>
  expectNoErrors(
    await stack.post<Json>(`query($p: ID!, $d: Date) { program(code: $p) { recognizedBy(asOf: $d) { id recognizingAdministration { code } } } }`, {
      p: program,
      d: asOf,
    }),
  ).program.recognizedBy.map((r: Json) => r.recognizingAdministration.code);

/** What BR-RFB's analysts may read of a Korean AEO holder (need-to-know follows recognition in force today). */
const brSeesKoreanCertifications = async () => {
  const result = await stack.post('{ operator(id: "OP-KR-DEMO-0001") { certifications { id } } }', undefined, { as: 'br-rfb-analyst' });
  return (result.body.data?.operator?.certifications ?? null) !== null;
};

const propose = (input: Json, as = 'kr-kcs-registrar', headers?: Record<string, string>) => run('ProposeAgreement', { input }, as, headers);
const confirm = (agreementId: string, as: string, reason = 'Consent of the administration (test)') =>
  run('ConfirmAgreement', { input: { agreementId, reason } }, as);
const decline = (agreementId: string, as: string, reason = 'Not agreed (test)') => run('DeclineAgreement', { input: { agreementId, reason } }, as);

describe('proposeAgreement', () => {
  it('is refused to an administration that is not a party, and to clients without the write scope', async () => {
    expect(errorCodes(await propose(krBr, 'us-cbp-registrar'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await propose(krBr, 'kr-kcs-partner'))).toEqual(['FORBIDDEN']);
    expect(await stack.db.agreementProposal.count()).toBe(0);
  });

  it('lists every problem and creates nothing', async () => {
    const bad = {
      ...krBr,
      id: 'mra kr br',
      parties: [
        { administration: 'KR-KCS', program: 'KR-AEO' },
        { administration: 'BR-RFB', program: 'US-CTPAT' },
      ],
      inForceFrom: '2024-01-01',
      directions: [{ recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', eligibleTiers: ['Z'], benefits: ['NOPE'] }],
    };
    const result = expectNoErrors(await propose(bad)).proposeAgreement;
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(result.problems.map((p: Json) => p.field).sort()).toEqual([
      'directions.0.benefits.0',
      'directions.0.eligibleTiers.0',
      'id',
      'inForceFrom',
      'parties.1.program',
    ]);
    expect(await stack.db.agreementProposal.count()).toBe(0);
  });

  it('refuses entry into force or a direction dated back beyond the window: RETROACTIVE_WINDOW_EXCEEDED, nothing recorded', async () => {
    const backdated = {
      ...krBr,
      inForceFrom: '2025-03-01',
      directions: [{ ...krBr.directions[0], effectiveFrom: daysAgo(31) }, krBr.directions[1]],
    };
    const result = expectNoErrors(await propose(backdated)).proposeAgreement;
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'RETROACTIVE_WINDOW_EXCEEDED' });
    expect(result.problems.map((p: Json) => p.field).sort()).toEqual(['directions.0.effectiveFrom', 'inForceFrom']);
    expect(result.problems[0].message).toMatch(/more than 30 days before today/);
    expect(await stack.db.agreementProposal.count()).toBe(0);
  });

  it('a proposal in which the other party recognizes the proposer is PENDING: no agreement, no recognition, no need-to-know', async () => {
    const proposed = expectNoErrors(await propose(krBr, 'kr-kcs-registrar', { 'idempotency-key': 'propose-mra-kr-br-1' })).proposeAgreement;
    expect(proposed.__typename).toBe('ProposeAgreementSuccess');
    expect(proposed.proposal).toMatchObject({
      agreementId: 'MRA-KR-BR',
      status: 'PENDING',
      proposedBy: { code: 'KR-KCS' },
      proposedByClient: 'kr-kcs-registrar',
      awaiting: [{ code: 'BR-RFB' }],
      confirmedBy: [],
      decidedAt: null,
      retroactive: true, // entry into force 20 days before the proposal
    });
    // A retry with the same key answers the first result; another proposal of the same id is a conflict.
    expect((await propose(krBr, 'kr-kcs-registrar', { 'idempotency-key': 'propose-mra-kr-br-1' })).body).toEqual({ data: { proposeAgreement: proposed } });
    expect(expectNoErrors(await propose(krBr)).proposeAgreement).toMatchObject({ __typename: 'ConflictError', code: 'ALREADY_EXISTS' });

    expect(await stack.db.agreement.count({ where: { id: 'MRA-KR-BR' } })).toBe(0);
    expect(errorCodes(await stack.post('{ agreement(id: "MRA-KR-BR") { id } }'))).toEqual(['NOT_FOUND']);
    expect(await recognizedBy('KR-AEO', todayUtc())).not.toContain('BR-RFB');
    expect(await recognizedBy('BR-OEA', todayUtc())).not.toContain('KR-KCS');
    expect(await brSeesKoreanCertifications()).toBe(false);

    // The parties see the proposal; a third administration does not.
    const pending = (as: string) => run('AgreementProposals', { status: 'PENDING' }, as).then((r) => expectNoErrors(r).agreementProposals);
    expect((await pending('br-rfb-partner')).map((p: Json) => p.agreementId)).toEqual(['MRA-KR-BR']);
    expect((await pending('kr-kcs-partner')).map((p: Json) => p.agreementId)).toEqual(['MRA-KR-BR']);
    expect(await pending('us-cbp-partner')).toEqual([]);
  });
});

describe('confirmAgreement and declineAgreement', () => {
  it('the proposer cannot confirm its own proposal; a third administration is told it does not exist; a reason is required', async () => {
    expect(errorCodes(await confirm('MRA-KR-BR', 'kr-kcs-registrar'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await confirm('MRA-KR-BR', 'br-rfb-partner'))).toEqual(['FORBIDDEN']); // no write scope
    const outsider = expectNoErrors(await confirm('MRA-KR-BR', 'us-cbp-registrar')).confirmAgreement;
    const unknown = expectNoErrors(await confirm('MRA-XX-YY', 'us-cbp-registrar')).confirmAgreement;
    expect(outsider).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', entity: 'AgreementProposal', key: 'MRA-KR-BR' });
    expect({ ...outsider, key: '', message: outsider.message.replace('MRA-KR-BR', '') }).toEqual({
      ...unknown,
      key: '',
      message: unknown.message.replace('MRA-XX-YY', ''),
    });
    expect(expectNoErrors(await confirm('MRA-KR-BR', 'br-rfb-registrar', ' ')).confirmAgreement).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ field: 'reason' }],
    });
    expect((await stack.db.agreementProposal.findFirstOrThrow({ where: { agreementId: 'MRA-KR-BR' } })).status).toBe('PENDING');
  });

  it('the other party confirms: the agreement is recorded, each direction by its recognizing administration, dated back visibly; recognition and need-to-know follow', async () => {
    const confirmed = expectNoErrors(await confirm('MRA-KR-BR', 'br-rfb-registrar')).confirmAgreement;
    expect(confirmed.__typename).toBe('ConfirmAgreementSuccess');
    expect(confirmed.proposal).toMatchObject({ status: 'CONFIRMED', awaiting: [], confirmedBy: [{ code: 'BR-RFB' }], decidedBy: 'br-rfb-registrar' });
    const agreement = confirmed.agreement;
    expect(agreement).toMatchObject({ id: 'MRA-KR-BR', version: 1, inForceFrom: krBr.inForceFrom, verification: 'recorded' });
    const today = todayUtc();
    expect(agreement.statusHistory.map((p: Json) => [p.status, p.from, p.to, p.recordedBy, p.retroactive, p.recordedAt.slice(0, 10)])).toEqual([
      ['SIGNED', '2025-01-10', krBr.inForceFrom, 'br-rfb-registrar', true, today],
      ['IN_FORCE', krBr.inForceFrom, null, 'br-rfb-registrar', true, today],
    ]);
    expect(agreement.recognitions.map((r: Json) => [r.recognizingAdministration.code, r.effectiveFrom, r.recordedBy, r.retroactive])).toEqual([
      ['BR-RFB', krBr.inForceFrom, 'br-rfb-registrar', true],
      ['KR-KCS', krBr.inForceFrom, 'kr-kcs-registrar', true],
    ]);
    expect(await recognizedBy('KR-AEO', daysAgo(21))).not.toContain('BR-RFB');
    expect(await recognizedBy('KR-AEO', krBr.inForceFrom)).toContain('BR-RFB');
    expect(await recognizedBy('BR-OEA', today)).toContain('KR-KCS');
    expect(await brSeesKoreanCertifications()).toBe(true);
    // Decided: it can be neither confirmed nor declined again, and the id is taken.
    expect(expectNoErrors(await decline('MRA-KR-BR', 'br-rfb-registrar')).declineAgreement).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(expectNoErrors(await propose(krBr)).proposeAgreement).toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('a declined proposal (or one its proposer withdraws) is final and never takes effect', async () => {
    const pilot = { ...krBr, id: 'MRA-KR-BR-PILOT', title: 'Korea - Brazil pilot (test)', inForceFrom: daysAgo(1) };
    expect(expectNoErrors(await propose(pilot)).proposeAgreement.__typename).toBe('ProposeAgreementSuccess');
    const declined = expectNoErrors(await decline('MRA-KR-BR-PILOT', 'br-rfb-registrar')).declineAgreement;
    expect(declined.proposal).toMatchObject({ status: 'DECLINED', decidedBy: 'br-rfb-registrar', decisionReason: 'Not agreed (test)' });
    expect(expectNoErrors(await confirm('MRA-KR-BR-PILOT', 'br-rfb-registrar')).confirmAgreement).toMatchObject({
      __typename: 'ConflictError',
      code: 'INVALID_TRANSITION',
    });
    expect(await stack.db.agreement.count({ where: { id: 'MRA-KR-BR-PILOT' } })).toBe(0);
    // Proposed again, then withdrawn by the proposer.
    expect(expectNoErrors(await propose(pilot)).proposeAgreement.proposal.status).toBe('PENDING');
    expect(expectNoErrors(await decline('MRA-KR-BR-PILOT', 'kr-kcs-registrar', 'Withdrawn (test)')).declineAgreement.proposal.status).toBe('DECLINED');
    expect(await stack.db.agreement.count({ where: { id: 'MRA-KR-BR-PILOT' } })).toBe(0);
  });
});

describe('changeAgreementStatus', () => {
  const version = async (id: string) => (await stack.db.agreement.findUniqueOrThrow({ where: { id } })).version;
  const change = (input: Json, as: string) => run('ChangeAgreementStatus', { input }, as);

  it('only the parties, with the write scope, may change an agreement; a party dates only its own directions', async () => {
    const v = await version('MRA-KR-BR');
    const input = { agreementId: 'MRA-KR-BR', expectedVersion: v, status: 'SUSPENDED', effectiveOn: daysAgo(5), reason: 'Review (test)' };
    expect(errorCodes(await change(input, 'us-cbp-registrar'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await change(input, 'br-rfb-partner'))).toEqual(['FORBIDDEN']);
    const theirs = await change({ ...input, directions: [{ recognizingAdministration: 'BR-RFB', effectiveTo: daysAgo(5) }] }, 'kr-kcs-registrar');
    expect(errorCodes(theirs)).toEqual(['FORBIDDEN']);
    expect(theirs.body.errors![0].message).toMatch(/Only BR-RFB may date the direction/);
    expect(await version('MRA-KR-BR')).toBe(v);
  });

  it('a status change dated back beyond the window is refused (RETROACTIVE_WINDOW_EXCEEDED): past shipments cannot be flipped', async () => {
    // The US-Korea MRA has no documented entry into force: recording it in force from 2011 would make years of shipments recognized.
    const v = await version('MRA-US-KR');
    const result = expectNoErrors(
      await change(
        { agreementId: 'MRA-US-KR', expectedVersion: v, status: 'IN_FORCE', effectiveOn: '2011-01-01', reason: 'Backdated (test)' },
        'us-cbp-registrar',
      ),
    ).changeAgreementStatus;
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'RETROACTIVE_WINDOW_EXCEEDED', problems: [{ field: 'effectiveOn' }] });
    const ownDirection = expectNoErrors(
      await change(
        {
          agreementId: 'MRA-KR-BR',
          expectedVersion: await version('MRA-KR-BR'),
          status: 'SUSPENDED',
          effectiveOn: daysAgo(5),
          reason: 'Review (test)',
          directions: [{ recognizingAdministration: 'KR-KCS', effectiveTo: daysAgo(40) }],
        },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(ownDirection).toMatchObject({ code: 'RETROACTIVE_WINDOW_EXCEEDED', problems: [{ field: 'directions.0.effectiveTo' }] });
    expect(await version('MRA-US-KR')).toBe(v);
  });

  it('a suspension is lifted only by the administration that recorded it; recognition follows on each date; the periods say they were dated back', async () => {
    const v = await version('MRA-KR-BR');
    const suspended = expectNoErrors(
      await change(
        { agreementId: 'MRA-KR-BR', expectedVersion: v, status: 'SUSPENDED', effectiveOn: daysAgo(5), reason: 'Audit findings (test)' },
        'br-rfb-registrar',
      ),
    ).changeAgreementStatus;
    expect(suspended.__typename).toBe('ChangeAgreementStatusSuccess');
    expect(suspended.statusPeriod).toMatchObject({ status: 'SUSPENDED', from: daysAgo(5), recordedBy: 'br-rfb-registrar', retroactive: true });
    expect(await recognizedBy('KR-AEO', daysAgo(6))).toContain('BR-RFB');
    expect(await recognizedBy('KR-AEO', daysAgo(5))).not.toContain('BR-RFB');

    const resumeInput = { agreementId: 'MRA-KR-BR', expectedVersion: v + 1, status: 'IN_FORCE', effectiveOn: daysAgo(2), reason: 'Resumed (test)' };
    const byOther = await change(resumeInput, 'kr-kcs-registrar');
    expect(errorCodes(byOther)).toEqual(['FORBIDDEN']);
    expect(byOther.body.errors![0].message).toMatch(/Only BR-RFB, which suspended agreement MRA-KR-BR, may resume it/);
    const resumed = expectNoErrors(await change(resumeInput, 'br-rfb-registrar')).changeAgreementStatus;
    expect(resumed.__typename).toBe('ChangeAgreementStatusSuccess');
    expect(await recognizedBy('KR-AEO', daysAgo(3))).not.toContain('BR-RFB');
    expect(await recognizedBy('KR-AEO', daysAgo(2))).toContain('BR-RFB');
  });

  it('stale versions, impossible transitions, future and out-of-order dates are refused without writing', async () => {
    const v = await version('MRA-KR-BR');
    const periods = await stack.db.agreementStatusPeriod.count({ where: { agreementId: 'MRA-KR-BR' } });
    const stale = expectNoErrors(
      await change({ agreementId: 'MRA-KR-BR', expectedVersion: v - 1, status: 'SUSPENDED', effectiveOn: todayUtc(), reason: 'x' }, 'kr-kcs-registrar'),
    ).changeAgreementStatus;
    expect(stale).toMatchObject({ __typename: 'ConflictError', code: 'VERSION_CONFLICT', currentVersion: v });
    const again = expectNoErrors(
      await change({ agreementId: 'MRA-KR-BR', expectedVersion: v, status: 'IN_FORCE', effectiveOn: todayUtc(), reason: 'x' }, 'kr-kcs-registrar'),
    ).changeAgreementStatus;
    expect(again).toMatchObject({ __typename: 'ConflictError', code: 'INVALID_TRANSITION' });
    const early = expectNoErrors(
      await change(
        {
          agreementId: 'MRA-KR-BR',
          expectedVersion: v,
          status: 'SUSPENDED',
          effectiveOn: daysAgo(10),
          reason: ' ',
          directions: [{ recognizingAdministration: 'US-CBP' }],
        },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(early).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(early.problems.map((p: Json) => p.field).sort()).toEqual(['directions.0.recognizingAdministration', 'effectiveOn', 'reason']);
    const future = expectNoErrors(
      await change({ agreementId: 'MRA-KR-BR', expectedVersion: v, status: 'SUSPENDED', effectiveOn: '2099-01-01', reason: 'x' }, 'kr-kcs-registrar'),
    ).changeAgreementStatus;
    expect(future).toMatchObject({ __typename: 'ValidationError', problems: [{ field: 'effectiveOn' }] });
    const missing = expectNoErrors(
      await change({ agreementId: 'MRA-XX-YY', expectedVersion: 1, status: 'SUSPENDED', effectiveOn: todayUtc(), reason: 'x' }, 'kr-kcs-registrar'),
    ).changeAgreementStatus;
    expect(missing).toMatchObject({ __typename: 'NotFoundError', entity: 'Agreement' });
    expect(await stack.db.agreementStatusPeriod.count({ where: { agreementId: 'MRA-KR-BR' } })).toBe(periods);
  });
});

describe('the retroactive window is configurable', () => {
  it('AGREEMENT_RETROACTIVE_DAYS widens it (a stack with 1000 days accepts what 30 refuse)', async () => {
    const wide = await startTestStack({ agreements: { retroactiveWindowDays: 1000 } });
    try {
      const result = await wide.postBody<Json>(
        {
          documentId: `sha256:${manifest.operations.find((o) => o.name === 'ProposeAgreement')!.id}`,
          variables: { input: { ...krBr, id: 'MRA-KR-BR-WIDE', inForceFrom: '2025-03-01' } },
        },
        { as: 'kr-kcs-registrar' },
      );
      expect(expectNoErrors(result).proposeAgreement).toMatchObject({ __typename: 'ProposeAgreementSuccess', proposal: { retroactive: true } });
    } finally {
      await wide.stop();
    }
  });
});
