/**
 * Agreement changes over HTTP through the real gateway: recording an arrangement, bringing it into force,
 * suspending it, with effective dates per direction, by its parties only; recognition follows by date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack, type Json } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const manifest = buildManifest();
const run = <T = Json>(name: string, variables: Record<string, unknown>, as: string, headers?: Record<string, string>): Promise<GraphQLResult<T>> =>
  stack.postBody<T>({ documentId: `sha256:${manifest.operations.find((o) => o.name === name)!.id}`, variables }, { as, headers });

const krBr = {
  id: 'MRA-KR-BR',
  title: 'Korea (KCS) - Brazil (RFB): AEO / OEA mutual recognition (test)',
  parties: [
    { administration: 'KR-KCS', program: 'KR-AEO' },
    { administration: 'BR-RFB', program: 'BR-OEA' },
  ],
  signedOn: '2025-01-10',
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

describe('recordAgreement', () => {
  it('is refused to an administration that is not a party, and to clients without the write scope', async () => {
    expect(errorCodes(await run('RecordAgreement', { input: krBr }, 'us-cbp-registrar'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await run('RecordAgreement', { input: krBr }, 'kr-kcs-partner'))).toEqual(['FORBIDDEN']);
    expect(await stack.db.agreement.count({ where: { id: krBr.id } })).toBe(0);
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
    const result = expectNoErrors(await run('RecordAgreement', { input: bad }, 'kr-kcs-registrar')).recordAgreement;
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems.map((p: Json) => p.field).sort()).toEqual([
      'directions.0.benefits.0',
      'directions.0.eligibleTiers.0',
      'id',
      'inForceFrom',
      'parties.1.program',
    ]);
    expect(await stack.db.agreement.count()).toBe(await stack.db.agreement.count({ where: { NOT: { verification: 'recorded' } } }));
    expect(await stack.db.recognition.count({ where: { agreementId: { startsWith: 'MRA-KR-BR' } } })).toBe(0);
  });

  it('records a signed agreement; bringing it into force opens each direction, by date', async () => {
    const recorded = expectNoErrors(
      await run('RecordAgreement', { input: krBr }, 'kr-kcs-registrar', { 'idempotency-key': 'record-mra-kr-br-1' }),
    ).recordAgreement;
    expect(recorded.__typename).toBe('RecordAgreementSuccess');
    expect(recorded.agreement).toMatchObject({ id: 'MRA-KR-BR', version: 1, inForceFrom: null, verification: 'recorded' });
    expect(recorded.agreement.statusHistory).toEqual([
      expect.objectContaining({ status: 'SIGNED', from: '2025-01-10', to: null, recordedBy: 'kr-kcs-registrar' }),
    ]);
    expect(recorded.agreement.recognitions.map((r: Json) => [r.recognizingAdministration.code, r.effectiveFrom, r.effectiveBasis])).toEqual([
      ['BR-RFB', null, 'UNKNOWN'],
      ['KR-KCS', null, 'UNKNOWN'],
    ]);
    // A retry of the same request answers the first result; a second agreement with the same id is a conflict.
    const retry = await run('RecordAgreement', { input: krBr }, 'kr-kcs-registrar', { 'idempotency-key': 'record-mra-kr-br-1' });
    expect(retry.body.data.recordAgreement).toEqual(recorded);
    expect(expectNoErrors(await run('RecordAgreement', { input: krBr }, 'kr-kcs-registrar')).recordAgreement).toMatchObject({
      __typename: 'ConflictError',
      code: 'ALREADY_EXISTS',
    });

    expect(await recognizedBy('KR-AEO', '2025-06-01')).not.toContain('BR-RFB');
  });
});

describe('changeAgreementStatus', () => {
  it('only the parties, with the write scope, may change an agreement', async () => {
    const version = (await stack.db.agreement.findUniqueOrThrow({ where: { id: 'MRA-KR-BR' } })).version;
    const input = { agreementId: 'MRA-KR-BR', expectedVersion: version, status: 'IN_FORCE', effectiveOn: '2025-03-01', reason: 'Entry into force' };
    expect(errorCodes(await run('ChangeAgreementStatus', { input }, 'us-cbp-registrar'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await run('ChangeAgreementStatus', { input }, 'br-rfb-partner'))).toEqual(['FORBIDDEN']);
    expect((await stack.db.agreement.findUniqueOrThrow({ where: { id: 'MRA-KR-BR' } })).version).toBe(version);
  });

  it('entry into force with effective dates per direction; recognition follows on each date', async () => {
    const result = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        {
          input: {
            agreementId: 'MRA-KR-BR',
            expectedVersion: 1,
            status: 'IN_FORCE',
            effectiveOn: '2025-03-01',
            reason: 'Entry into force',
            directions: [{ recognizingAdministration: 'KR-KCS', effectiveFrom: '2025-07-01' }],
          },
        },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(result.__typename).toBe('ChangeAgreementStatusSuccess');
    expect(result.statusPeriod).toMatchObject({ status: 'IN_FORCE', from: '2025-03-01', to: null, recordedBy: 'kr-kcs-registrar' });
    // The loaders of the same request see the new data.
    expect(result.agreement).toMatchObject({ version: 2, inForceFrom: '2025-03-01' });
    expect(result.agreement.statusHistory.map((p: Json) => [p.status, p.from, p.to])).toEqual([
      ['SIGNED', '2025-01-10', '2025-03-01'],
      ['IN_FORCE', '2025-03-01', null],
    ]);
    expect(result.agreement.recognitions.map((r: Json) => [r.recognizingAdministration.code, r.effectiveFrom])).toEqual([
      ['BR-RFB', '2025-03-01'],
      ['KR-KCS', '2025-07-01'],
    ]);

    expect(await recognizedBy('KR-AEO', '2025-02-28')).not.toContain('BR-RFB');
    expect(await recognizedBy('KR-AEO', '2025-03-01')).toContain('BR-RFB');
    expect(await recognizedBy('BR-OEA', '2025-06-30')).not.toContain('KR-KCS');
    expect(await recognizedBy('BR-OEA', '2025-07-01')).toContain('KR-KCS');

    // A Korean AAA exporter's shipment to Brazil before entry into force: the agreement exists but was not in force then.
    const shipment = expectNoErrors(await run('ShipmentRecognition', { reference: 'DEMO-KR-BR-0001' }, 'kr-kcs-registrar')).shipment.recognition;
    expect(shipment.recognized).toBe(false);
    expect(shipment.findings.map((f: Json) => f.code)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
  });

  it('stale versions, impossible transitions and out-of-order dates are refused without writing', async () => {
    const periods = await stack.db.agreementStatusPeriod.count({ where: { agreementId: 'MRA-KR-BR' } });
    const stale = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        { input: { agreementId: 'MRA-KR-BR', expectedVersion: 1, status: 'SUSPENDED', effectiveOn: '2025-09-01', reason: 'x' } },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(stale).toMatchObject({ __typename: 'ConflictError', code: 'VERSION_CONFLICT', currentVersion: 2 });
    const again = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        { input: { agreementId: 'MRA-KR-BR', expectedVersion: 2, status: 'IN_FORCE', effectiveOn: '2025-09-01', reason: 'x' } },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(again).toMatchObject({ __typename: 'ConflictError', code: 'INVALID_TRANSITION' });
    const early = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        {
          input: {
            agreementId: 'MRA-KR-BR',
            expectedVersion: 2,
            status: 'SUSPENDED',
            effectiveOn: '2025-02-01',
            reason: ' ',
            directions: [{ recognizingAdministration: 'US-CBP' }],
          },
        },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(early.__typename).toBe('ValidationError');
    expect(early.problems.map((p: Json) => p.field).sort()).toEqual(['directions.0.recognizingAdministration', 'effectiveOn', 'reason']);
    const missing = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        { input: { agreementId: 'MRA-XX-YY', expectedVersion: 1, status: 'SUSPENDED', effectiveOn: '2025-09-01', reason: 'x' } },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(missing).toMatchObject({ __typename: 'NotFoundError', entity: 'Agreement' });
    expect(await stack.db.agreementStatusPeriod.count({ where: { agreementId: 'MRA-KR-BR' } })).toBe(periods);
  });

  it('suspending the US–Korea MRA from 2025-01-01 ends recognition from that date, not before (time travel)', async () => {
    const version = (await stack.db.agreement.findUniqueOrThrow({ where: { id: 'MRA-US-KR' } })).version;
    const result = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        {
          input: {
            agreementId: 'MRA-US-KR',
            expectedVersion: version,
            status: 'SUSPENDED',
            effectiveOn: '2025-01-01',
            reason: 'Suspended pending review (test)',
          },
        },
        'us-cbp-registrar',
      ),
    ).changeAgreementStatus;
    expect(result.__typename).toBe('ChangeAgreementStatusSuccess');
    expect(result.agreement.statusHistory.at(-1)).toMatchObject({ status: 'SUSPENDED', from: '2025-01-01', to: null });
    expect(await recognizedBy('KR-AEO', '2024-12-31')).toContain('US-CBP');
    expect(await recognizedBy('KR-AEO', '2025-01-01')).not.toContain('US-CBP');
    const shipment = expectNoErrors(await run('ShipmentRecognition', { reference: 'DEMO-KR-US-0001' }, 'kr-kcs-registrar')).shipment.recognition;
    expect(shipment.recognized).toBe(true);

    const resumed = expectNoErrors(
      await run(
        'ChangeAgreementStatus',
        {
          input: { agreementId: 'MRA-US-KR', expectedVersion: version + 1, status: 'IN_FORCE', effectiveOn: '2025-04-01', reason: 'Review completed (test)' },
        },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(resumed.__typename).toBe('ChangeAgreementStatusSuccess');
    expect(await recognizedBy('KR-AEO', '2025-02-01')).not.toContain('US-CBP');
    expect(await recognizedBy('KR-AEO', '2025-04-01')).toContain('US-CBP');
  });
});
