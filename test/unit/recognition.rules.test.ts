/** The recognition rules (src/domain/recognition.ts, src/domain/recognition-answer.ts); dates and the lifecycles have their own unit tests. */
import { describe, it, expect } from 'vitest';
import type { AgreementStatusPeriod } from '../../src/domain/agreement-lifecycle.js';
import {
  certificationEventFacts,
  certificationStateOn,
  operatorRecognizedBy,
  periodsFromEvents,
  programRecognizedBy,
  recognitionInForceOn,
  type CertificationEventInput,
  type CertificationFacts,
  type CertificationPeriod,
  type RecognitionRule,
} from '../../src/domain/recognition.js';
import {
  answerRecognition,
  type AnswerFinding as Finding,
  type RecognitionAnswerInput as ShipmentRecognitionInput,
} from '../../src/domain/recognition-answer.js';

/** The shipment rules answer through answerRecognition (src/domain/recognition-answer.ts). */
const evaluateShipmentRecognition = answerRecognition;

// ------------------------------------------------------------------ fixtures

const IN_FORCE_FROM_2024: AgreementStatusPeriod[] = [
  { status: 'SIGNED', from: '2023-06-01', to: '2024-01-01' },
  { status: 'IN_FORCE', from: '2024-01-01', to: null },
];

function rule(overrides: Partial<RecognitionRule> = {}): RecognitionRule {
  return {
    id: 'rec-us-recognizes-kr',
    agreementId: 'mra-kr-us',
    agreementTitle: 'Korea-US AEO MRA',
    recognizingAdministrationCode: 'US-CBP',
    recognizedProgramCode: 'KR-AEO',
    eligibleTiers: [],
    coveredRoles: [],
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    effectiveBasis: 'SOURCE',
    agreementStatus: IN_FORCE_FROM_2024,
    benefitCodes: ['FEWER_EXAMS', 'PRIORITY_CLEARANCE'],
    ...overrides,
  };
}

function period(from: string, to: string | null, overrides: Partial<CertificationPeriod> = {}): CertificationPeriod {
  return { from, to, status: 'CERTIFIED', tier: 'AAA', validUntil: null, ...overrides };
}

function krCert(periods: CertificationPeriod[], overrides: Partial<CertificationFacts> = {}): CertificationFacts {
  return {
    id: 'cert-kr-1',
    programCode: 'KR-AEO',
    administrationCode: 'KR-KCS',
    certificateNumber: 'KR-AEO-0001',
    periods,
    ...overrides,
  };
}

function usCert(periods: CertificationPeriod[], overrides: Partial<CertificationFacts> = {}): CertificationFacts {
  return {
    id: 'cert-us-1',
    programCode: 'US-CTPAT',
    administrationCode: 'US-CBP',
    certificateNumber: 'CTPAT-0042',
    periods: periods.map((p) => ({ ...p, tier: p.tier === 'AAA' ? 'III' : p.tier })),
    ...overrides,
  };
}

const ACTIVE_KR = krCert([period('2022-01-01', null)]);

function shipment(overrides: Partial<ShipmentRecognitionInput> = {}): ShipmentRecognitionInput {
  return {
    date: '2024-02-01',
    importingAdministrationCode: 'US-CBP',
    consignorRoles: ['EXPORTER', 'MANUFACTURER'],
    certifications: [ACTIVE_KR],
    rules: [rule()],
    ...overrides,
  };
}

function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

function expectCleanFindings(findings: Finding[]): void {
  for (const f of findings) {
    expect(f.message.length).toBeGreaterThan(10);
    expect(f.message).not.toMatch(/undefined|null|NaN|\[object/);
    for (const [key, value] of Object.entries(f)) {
      expect(value, `finding ${f.code} property ${key}`).not.toBeUndefined();
      expect(value, `finding ${f.code} property ${key}`).not.toBeNull();
    }
  }
}

function event(
  type: CertificationEventInput['type'],
  effectiveOn: string,
  recordedAt: string,
  statusAfter: CertificationEventInput['statusAfter'],
  tierAfter: string | null = 'AA',
  validUntilAfter: string | null = null,
): CertificationEventInput {
  return { type, effectiveOn, recordedAt, statusAfter, tierAfter, validUntilAfter };
}

// ------------------------------------------------------------------ periodsFromEvents

describe('periodsFromEvents', () => {
  it('returns no periods for no events', () => {
    expect(periodsFromEvents([])).toEqual([]);
  });

  it('builds contiguous half-open periods carrying the *After values', () => {
    const periods = periodsFromEvents([
      event('CERTIFIED', '2022-01-01', '2022-01-01T09:00:00Z', 'CERTIFIED', 'A', '2025-01-01'),
      event('TIER_CHANGED', '2023-03-01', '2023-03-01T09:00:00Z', 'CERTIFIED', 'AA', '2025-01-01'),
      event('SUSPENDED', '2024-01-10', '2024-01-10T09:00:00Z', 'SUSPENDED', 'AA', '2025-01-01'),
    ]);
    expect(periods).toEqual([
      { from: '2022-01-01', to: '2023-03-01', status: 'CERTIFIED', tier: 'A', validUntil: '2025-01-01' },
      { from: '2023-03-01', to: '2024-01-10', status: 'CERTIFIED', tier: 'AA', validUntil: '2025-01-01' },
      { from: '2024-01-10', to: null, status: 'SUSPENDED', tier: 'AA', validUntil: '2025-01-01' },
    ]);
  });

  it('orders by effectiveOn, not by the order events were recorded (back-dated events)', () => {
    const periods = periodsFromEvents([
      event('SUSPENDED', '2024-01-10', '2024-01-05T00:00:00Z', 'SUSPENDED'),
      // recorded later but effective earlier
      event('CERTIFIED', '2022-01-01', '2024-02-01T00:00:00Z', 'CERTIFIED'),
    ]);
    expect(periods.map((p) => [p.from, p.to, p.status])).toEqual([
      ['2022-01-01', '2024-01-10', 'CERTIFIED'],
      ['2024-01-10', null, 'SUSPENDED'],
    ]);
  });

  it('on the same effective date, the later recorded event wins and the zero-length period is dropped', () => {
    const periods = periodsFromEvents([
      event('CERTIFIED', '2022-01-01', '2022-01-01T09:00:00Z', 'CERTIFIED', 'A'),
      event('REINSTATED', '2024-03-01', '2024-03-01T15:00:00Z', 'CERTIFIED', 'AA'),
      event('SUSPENDED', '2024-03-01', '2024-03-01T08:00:00Z', 'SUSPENDED', 'A'),
    ]);
    expect(periods).toHaveLength(2);
    expect(periods[1]).toEqual({ from: '2024-03-01', to: null, status: 'CERTIFIED', tier: 'AA', validUntil: null });
    expect(periods.every((p) => p.to === null || p.from < p.to)).toBe(true);
  });

  it('same-day tie-break uses recordedAt regardless of input order', () => {
    const a = event('SUSPENDED', '2024-03-01', '2024-03-01T16:00:00Z', 'SUSPENDED');
    const b = event('REINSTATED', '2024-03-01', '2024-03-01T10:00:00Z', 'CERTIFIED');
    expect(periodsFromEvents([a, b])).toEqual(periodsFromEvents([b, a]));
    expect(periodsFromEvents([a, b])[0].status).toBe('SUSPENDED');
  });

  it('does not mutate its input', () => {
    const events = [
      event('SUSPENDED', '2024-01-10', '2024-01-10T00:00:00Z', 'SUSPENDED'),
      event('CERTIFIED', '2022-01-01', '2022-01-01T00:00:00Z', 'CERTIFIED'),
    ];
    const copy = JSON.parse(JSON.stringify(events));
    periodsFromEvents(events);
    expect(events).toEqual(copy);
  });
});

// ------------------------------------------------------------------ certificationEventFacts

describe('certificationEventFacts: one mapping for stored events (operators) and @requires histories (registry)', () => {
  const stored = {
    id: 7,
    certificationId: 'CERT-1',
    type: 'SUSPENDED',
    effectiveOn: '2024-01-10',
    recordedAt: '2024-01-12T09:00:00.000Z',
    statusBefore: 'CERTIFIED',
    statusAfter: 'SUSPENDED',
    tierAfter: 'AA',
    validUntilAfter: '2027-01-01',
    recordedBy: 'kr-kcs-registrar',
  };
  const sent = { effectiveOn: '2024-01-10', recordedAt: '2024-01-12T09:00:00.000Z', statusAfter: 'SUSPENDED', tierAfter: 'AA', validUntilAfter: '2027-01-01' };

  it('keeps what periodsFromEvents reads, the same from a stored row as from the history sent through @requires', () => {
    expect(certificationEventFacts(stored)).toEqual(sent);
    expect(certificationEventFacts(sent)).toEqual(sent);
    const first = { ...sent, effectiveOn: '2022-01-01', recordedAt: '2022-01-01T09:00:00.000Z', statusAfter: 'CERTIFIED' };
    expect(periodsFromEvents([first, stored].map((e) => certificationEventFacts(e)!))).toEqual(
      periodsFromEvents([first, sent].map((e) => certificationEventFacts(e)!)),
    );
  });

  it('null when a fact is missing or not a value the rules know (never a guessed status, tier or validity end)', () => {
    expect(certificationEventFacts(null)).toBeNull();
    expect(certificationEventFacts(undefined)).toBeNull();
    expect(certificationEventFacts({ ...sent, statusAfter: 'EXPIRED' })).toBeNull();
    for (const field of ['effectiveOn', 'recordedAt', 'statusAfter', 'tierAfter', 'validUntilAfter']) {
      const partial = Object.fromEntries(Object.entries(sent).filter(([k]) => k !== field)) as unknown as typeof sent;
      expect(certificationEventFacts(partial), field).toBeNull();
    }
    expect(certificationEventFacts({ ...sent, tierAfter: null, validUntilAfter: null })).toEqual({ ...sent, tierAfter: null, validUntilAfter: null });
  });
});

// ------------------------------------------------------------------ certificationStateOn

describe('certificationStateOn', () => {
  const cert = krCert([
    period('2022-01-01', '2023-03-01', { tier: 'A', validUntil: '2025-01-01' }),
    period('2023-03-01', '2024-01-10', { tier: 'AA', validUntil: '2025-01-01' }),
    period('2024-01-10', null, { status: 'SUSPENDED', tier: 'AA', validUntil: '2025-01-01' }),
  ]);

  it('is null before the first period and on the day before it', () => {
    expect(certificationStateOn(cert, '2021-12-31')).toBeNull();
    expect(certificationStateOn(krCert([]), '2024-01-01')).toBeNull();
  });

  it('includes the period start date and excludes the period end date', () => {
    expect(certificationStateOn(cert, '2022-01-01')).toEqual({ status: 'CERTIFIED', tier: 'A', validUntil: '2025-01-01' });
    expect(certificationStateOn(cert, '2023-02-28')?.tier).toBe('A');
    expect(certificationStateOn(cert, '2023-03-01')?.tier).toBe('AA');
    expect(certificationStateOn(cert, '2024-01-09')?.status).toBe('CERTIFIED');
    expect(certificationStateOn(cert, '2024-01-10')?.status).toBe('SUSPENDED');
  });

  it('keeps the last state for open-ended periods far in the future', () => {
    expect(certificationStateOn(cert, '2099-12-31')).toEqual({ status: 'SUSPENDED', tier: 'AA', validUntil: '2025-01-01' });
  });
});

// ------------------------------------------------------------------ agreements and recognitions

describe('recognitionInForceOn', () => {
  it('needs a known effectiveFrom', () => {
    expect(recognitionInForceOn(rule({ effectiveFrom: null }), '2030-01-01')).toBe(false);
  });

  it('includes effectiveFrom and excludes effectiveTo', () => {
    const r = rule({ effectiveFrom: '2024-03-01', effectiveTo: '2024-09-01' });
    expect(recognitionInForceOn(r, '2024-02-29')).toBe(false);
    expect(recognitionInForceOn(r, '2024-03-01')).toBe(true);
    expect(recognitionInForceOn(r, '2024-08-31')).toBe(true);
    expect(recognitionInForceOn(r, '2024-09-01')).toBe(false);
  });

  it('requires the agreement to be IN_FORCE on the date as well', () => {
    const r = rule({ effectiveFrom: '2023-06-01', agreementStatus: IN_FORCE_FROM_2024 });
    expect(recognitionInForceOn(r, '2023-07-01')).toBe(false); // window open but agreement only signed
    expect(recognitionInForceOn(r, '2024-01-01')).toBe(true);
  });
});

describe('programRecognizedBy', () => {
  const rules = [
    rule({ id: 'r3', recognizingAdministrationCode: 'US-CBP' }),
    rule({ id: 'r2', recognizingAdministrationCode: 'EU-TAXUD', effectiveFrom: '2024-06-01' }),
    rule({ id: 'r1', recognizingAdministrationCode: 'US-CBP' }),
    rule({ id: 'r4', recognizingAdministrationCode: 'CN-GACC', recognizedProgramCode: 'US-CTPAT' }),
  ];

  it('returns only in-force rules for the programme, sorted by administration then id', () => {
    expect(programRecognizedBy(rules, 'KR-AEO', '2024-06-01').map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
  });

  it('time-travels: a recognition not yet effective is excluded', () => {
    expect(programRecognizedBy(rules, 'KR-AEO', '2024-05-31').map((r) => r.id)).toEqual(['r1', 'r3']);
    expect(programRecognizedBy(rules, 'KR-AEO', '2023-12-31')).toEqual([]);
  });

  it('ignores other programmes', () => {
    expect(programRecognizedBy(rules, 'US-CTPAT', '2024-06-01').map((r) => r.id)).toEqual(['r4']);
    expect(programRecognizedBy(rules, 'EU-AEO', '2024-06-01')).toEqual([]);
  });
});

// ------------------------------------------------------------------ operatorRecognizedBy

describe('operatorRecognizedBy', () => {
  const rules = [
    rule({ id: 'us-kr', eligibleTiers: ['AA', 'AAA'] }),
    rule({ id: 'eu-kr', recognizingAdministrationCode: 'EU-TAXUD', agreementId: 'mra-eu-kr', coveredRoles: ['IMPORTER'] }),
    rule({ id: 'cn-kr', recognizingAdministrationCode: 'CN-GACC', agreementId: 'mra-cn-kr', effectiveFrom: '2025-01-01' }),
  ];

  it('returns in-force rules whose tier and roles match, sorted', () => {
    const result = operatorRecognizedBy({ roles: ['EXPORTER', 'IMPORTER'], certifications: [ACTIVE_KR], rules, asOf: '2024-02-01' });
    expect(result.map((r) => r.id)).toEqual(['eu-kr', 'us-kr']);
  });

  it('excludes rules whose roles or tiers do not match', () => {
    const tierA = krCert([period('2022-01-01', null, { tier: 'A' })]);
    const result = operatorRecognizedBy({ roles: ['EXPORTER'], certifications: [tierA], rules, asOf: '2024-02-01' });
    expect(result).toEqual([]);
  });

  it('returns nothing for undisclosed certifications, suspended ones, or on/after validUntil', () => {
    const base = { roles: ['IMPORTER', 'EXPORTER'], rules, asOf: '2024-02-01' };
    expect(operatorRecognizedBy({ ...base, certifications: null })).toEqual([]);
    const suspended = krCert([period('2022-01-01', '2024-01-10'), period('2024-01-10', null, { status: 'SUSPENDED' })]);
    expect(operatorRecognizedBy({ ...base, certifications: [suspended] })).toEqual([]);
    const expiring = krCert([period('2022-01-01', null, { validUntil: '2024-02-01' })]);
    expect(operatorRecognizedBy({ ...base, certifications: [expiring] })).toEqual([]);
    expect(operatorRecognizedBy({ ...base, asOf: '2024-01-31', certifications: [expiring] }).map((r) => r.id)).toEqual(['eu-kr', 'us-kr']);
  });

  it('deduplicates a rule matched through two certifications of the same programme', () => {
    const second = krCert([period('2023-01-01', null)], { id: 'cert-kr-2', certificateNumber: 'KR-AEO-0002' });
    const result = operatorRecognizedBy({ roles: ['EXPORTER'], certifications: [ACTIVE_KR, second], rules, asOf: '2024-02-01' });
    expect(result.map((r) => r.id)).toEqual(['us-kr']);
  });
});

// ------------------------------------------------------------------ evaluateShipmentRecognition

describe('evaluateShipmentRecognition: basic outcomes', () => {
  it('recognizes an active certification under an in-force recognition', () => {
    const out = evaluateShipmentRecognition(shipment());
    expect(out.recognized).toBe(true);
    expect(out.recognitions.map((r) => r.id)).toEqual(['rec-us-recognizes-kr']);
    expect(out.benefitCodes).toEqual(['FEWER_EXAMS', 'PRIORITY_CLEARANCE']);
    expect(codes(out.findings)).toEqual(['RECOGNIZED']);
    expect(out.findings[0]).toMatchObject({ certificationId: 'cert-kr-1', recognitionId: 'rec-us-recognizes-kr', agreementId: 'mra-kr-us' });
    expect(out.findings[0].message).toContain('US-CBP');
    expect(out.findings[0].message).toContain('KR-AEO-0001');
    expect(out.findings[0].message).toContain('Korea-US AEO MRA');
    expect(out.findings[0].message).toContain('2024-02-01');
    expectCleanFindings(out.findings);
  });

  it('CERTIFICATION_NOT_DISCLOSED when certifications are null', () => {
    const out = evaluateShipmentRecognition(shipment({ certifications: null }));
    expect(out).toMatchObject({ recognized: false, recognitions: [], benefitCodes: [] });
    expect(codes(out.findings)).toEqual(['CERTIFICATION_NOT_DISCLOSED']);
    expectCleanFindings(out.findings);
  });

  it("undisclosed certifications: NO_AGREEMENT when the importer recognizes none of the consignor administration's programmes and its register is complete", () => {
    const complete = [{ administrationCode: 'BR-RFB', completeAsOf: '2024-02-01' }];
    const out = evaluateShipmentRecognition(shipment({ certifications: null, importingAdministrationCode: 'BR-RFB', registerCoverage: complete }));
    expect(out.outcome).toBe('NOT_RECOGNIZED');
    expect(codes(out.findings)).toEqual(['NO_AGREEMENT']);
    expect(out.findings[0].message).toContain('BR-RFB');
    expectCleanFindings(out.findings);
  });

  it('undisclosed certifications, no recorded arrangement and no declared coverage: REGISTER_COVERAGE_UNKNOWN (UNDETERMINED)', () => {
    const out = evaluateShipmentRecognition(shipment({ certifications: null, importingAdministrationCode: 'BR-RFB' }));
    expect(out.outcome).toBe('UNDETERMINED');
    expect(codes(out.findings)).toEqual(['REGISTER_COVERAGE_UNKNOWN', 'CERTIFICATION_NOT_DISCLOSED']);
    expect(out.findings[0].message).toContain('BR-RFB');
    expectCleanFindings(out.findings);
  });

  it("undisclosed certifications: AGREEMENT_NOT_IN_FORCE when the importer's recognition is not in force on the date", () => {
    const out = evaluateShipmentRecognition(shipment({ certifications: null, date: '2001-01-01' }));
    expect(codes(out.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expectCleanFindings(out.findings);
  });

  it('NO_CERTIFICATION when the consignor holds none', () => {
    const out = evaluateShipmentRecognition(shipment({ certifications: [] }));
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['NO_CERTIFICATION']);
    expectCleanFindings(out.findings);
  });

  it('CERTIFICATION_NOT_YET_VALID when the shipment departed before certification', () => {
    const cert = krCert([period('2024-03-01', null)]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert] }));
    expect(out.recognized).toBe(false);
    expect(out.findings).toEqual([expect.objectContaining({ code: 'CERTIFICATION_NOT_YET_VALID', certificationId: 'cert-kr-1' })]);
    expect(out.findings[0].message).toContain('2024-03-01');
    expectCleanFindings(out.findings);
  });

  it('CERTIFICATION_NOT_YET_VALID for a certification with no periods at all', () => {
    const out = evaluateShipmentRecognition(shipment({ certifications: [krCert([])] }));
    expect(codes(out.findings)).toEqual(['CERTIFICATION_NOT_YET_VALID']);
    expectCleanFindings(out.findings);
  });

  it('certification start date is included (departure on the certification day is recognized)', () => {
    const cert = krCert([period('2024-02-01', null)]);
    expect(evaluateShipmentRecognition(shipment({ certifications: [cert] })).recognized).toBe(true);
    expect(evaluateShipmentRecognition(shipment({ certifications: [cert], date: '2024-01-31' })).recognized).toBe(false);
  });

  it('CERTIFICATION_SUSPENDED with the message naming the suspension and shipment dates', () => {
    const cert = krCert([period('2022-01-01', '2024-01-10'), period('2024-01-10', null, { status: 'SUSPENDED' })]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert] }));
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['CERTIFICATION_SUSPENDED']);
    expect(out.findings[0].message).toBe('KR-AEO certificate KR-AEO-0001 was suspended on 2024-01-10, before the date that counts (2024-02-01).');
  });

  it('suspension message reports the start of the suspension even across a tier change while suspended', () => {
    const cert = krCert([
      period('2022-01-01', '2024-01-10'),
      period('2024-01-10', '2024-01-20', { status: 'SUSPENDED', tier: 'AAA' }),
      period('2024-01-20', null, { status: 'SUSPENDED', tier: 'AA' }),
    ]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert] }));
    expect(out.findings[0].message).toContain('suspended on 2024-01-10');
  });

  it('CERTIFICATION_REVOKED', () => {
    const cert = krCert([period('2022-01-01', '2023-11-30'), period('2023-11-30', null, { status: 'REVOKED' })]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert] }));
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['CERTIFICATION_REVOKED']);
    expect(out.findings[0].message).toContain('revoked on 2023-11-30');
    expectCleanFindings(out.findings);
  });

  it('CERTIFICATION_WITHDRAWN', () => {
    const cert = krCert([period('2022-01-01', '2024-02-01'), period('2024-02-01', null, { status: 'WITHDRAWN' })]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert] }));
    expect(codes(out.findings)).toEqual(['CERTIFICATION_WITHDRAWN']);
    expect(out.findings[0].message).toContain('withdrawn on 2024-02-01');
    expectCleanFindings(out.findings);
  });

  it('CERTIFICATION_EXPIRED exactly on validUntil (exclusive end), recognized the day before', () => {
    const cert = krCert([period('2022-01-01', null, { validUntil: '2024-02-01' })]);
    const onEnd = evaluateShipmentRecognition(shipment({ certifications: [cert], date: '2024-02-01' }));
    expect(onEnd.recognized).toBe(false);
    expect(codes(onEnd.findings)).toEqual(['CERTIFICATION_EXPIRED']);
    expect(onEnd.findings[0].message).toContain('2024-02-01');
    expectCleanFindings(onEnd.findings);
    const dayBefore = evaluateShipmentRecognition(shipment({ certifications: [cert], date: '2024-01-31' }));
    expect(dayBefore.recognized).toBe(true);
  });

  it('SAME_ADMINISTRATION when the importing administration issued the certificate', () => {
    const cert = usCert([period('2020-01-01', null)]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert], rules: [rule({ id: 'odd', recognizedProgramCode: 'US-CTPAT' })] }));
    expect(out.recognized).toBe(false);
    expect(out.recognitions).toEqual([]);
    expect(codes(out.findings)).toEqual(['SAME_ADMINISTRATION']);
    expect(out.findings[0]).toMatchObject({ certificationId: 'cert-us-1' });
    expect(out.findings[0].message).toContain('US-CBP');
    expectCleanFindings(out.findings);
  });

  it('NO_AGREEMENT when the importing administration has no recognition of the programme (its register complete on the date)', () => {
    const out = evaluateShipmentRecognition(
      shipment({ importingAdministrationCode: 'JP-CUSTOMS', registerCoverage: [{ administrationCode: 'JP-CUSTOMS', completeAsOf: '2025-01-01' }] }),
    );
    expect(out.recognized).toBe(false);
    expect(out.outcome).toBe('NOT_RECOGNIZED');
    expect(codes(out.findings)).toEqual(['NO_AGREEMENT']);
    expect(out.findings[0].message).toContain('JP-CUSTOMS');
    expect(out.findings[0].message).toContain('KR-AEO');
    expectCleanFindings(out.findings);
  });
});

describe('evaluateShipmentRecognition: agreement and recognition windows', () => {
  it('AGREEMENT_NOT_IN_FORCE before effectiveFrom, naming the date and basis', () => {
    const out = evaluateShipmentRecognition(shipment({ date: '2023-12-31' }));
    expect(out.recognized).toBe(false);
    expect(out.findings).toEqual([
      expect.objectContaining({
        code: 'AGREEMENT_NOT_IN_FORCE',
        recognitionId: 'rec-us-recognizes-kr',
        agreementId: 'mra-kr-us',
        certificationId: 'cert-kr-1',
      }),
    ]);
    expect(out.findings[0].message).toContain('2024-01-01');
    expect(out.findings[0].message).toContain('Korea-US AEO MRA');
    expect(out.findings[0].message).toContain('source');
    expectCleanFindings(out.findings);
  });

  it('effectiveFrom is included: departure on the entry-into-force day is recognized', () => {
    expect(evaluateShipmentRecognition(shipment({ date: '2024-01-01' })).recognized).toBe(true);
  });

  it('effectiveTo is excluded: recognized the day before, not on the day', () => {
    const rules = [rule({ effectiveTo: '2024-02-01' })];
    expect(evaluateShipmentRecognition(shipment({ rules, date: '2024-01-31' })).recognized).toBe(true);
    const onEnd = evaluateShipmentRecognition(shipment({ rules, date: '2024-02-01' }));
    expect(onEnd.recognized).toBe(false);
    expect(codes(onEnd.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(onEnd.findings[0].message).toContain('2024-02-01');
    expectCleanFindings(onEnd.findings);
  });

  it('UNDETERMINED (EFFECTIVE_DATE_UNKNOWN), never NOT_RECOGNIZED, when no date of application is documented', () => {
    const out = evaluateShipmentRecognition(shipment({ rules: [rule({ effectiveFrom: null, effectiveBasis: 'UNKNOWN' })] }));
    expect(out.recognized).toBe(false);
    expect(out.outcome).toBe('UNDETERMINED');
    expect(codes(out.findings)).toEqual(['EFFECTIVE_DATE_UNKNOWN']);
    expect(out.findings[0].message).toMatch(/no date from which .* is documented/);
    expectCleanFindings(out.findings);
  });

  it('AGREEMENT_NOT_IN_FORCE when the agreement is signed but not yet in force', () => {
    const r = rule({
      effectiveFrom: '2023-06-01',
      agreementStatus: [
        { status: 'SIGNED', from: '2023-06-01', to: '2024-06-01' },
        { status: 'IN_FORCE', from: '2024-06-01', to: null },
      ],
    });
    const out = evaluateShipmentRecognition(shipment({ rules: [r] }));
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(out.findings[0].message).toMatch(/signed/);
    expect(out.findings[0].message).toContain('2024-06-01');
    expectCleanFindings(out.findings);
    expect(evaluateShipmentRecognition(shipment({ rules: [r], date: '2024-06-01' })).recognized).toBe(true);
  });

  it('AGREEMENT_NOT_IN_FORCE while the agreement is suspended; recognized before and after', () => {
    const r = rule({
      agreementStatus: [
        { status: 'IN_FORCE', from: '2024-01-01', to: '2024-02-01' },
        { status: 'SUSPENDED', from: '2024-02-01', to: '2024-03-01' },
        { status: 'IN_FORCE', from: '2024-03-01', to: null },
      ],
    });
    const during = evaluateShipmentRecognition(shipment({ rules: [r], date: '2024-02-01' }));
    expect(during.recognized).toBe(false);
    expect(codes(during.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(during.findings[0].message).toMatch(/suspended/);
    expectCleanFindings(during.findings);
    expect(evaluateShipmentRecognition(shipment({ rules: [r], date: '2024-01-31' })).recognized).toBe(true);
    expect(evaluateShipmentRecognition(shipment({ rules: [r], date: '2024-03-01' })).recognized).toBe(true);
  });

  it('AGREEMENT_NOT_IN_FORCE once the agreement is terminated; earlier shipments still recognized', () => {
    const r = rule({
      agreementStatus: [
        { status: 'IN_FORCE', from: '2024-01-01', to: '2024-01-15' },
        { status: 'TERMINATED', from: '2024-01-15', to: null },
      ],
    });
    const after = evaluateShipmentRecognition(shipment({ rules: [r] }));
    expect(after.recognized).toBe(false);
    expect(codes(after.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(after.findings[0].message).toMatch(/terminated on 2024-01-15/);
    expectCleanFindings(after.findings);
    expect(evaluateShipmentRecognition(shipment({ rules: [r], date: '2024-01-14' })).recognized).toBe(true);
  });

  it('ignores out-of-force rules when another rule for the same direction is in force', () => {
    const old = rule({ id: 'old', effectiveTo: '2024-01-15' });
    const current = rule({ id: 'new', effectiveFrom: '2024-01-15', benefitCodes: ['MUTUAL_RECOGNITION'] });
    const out = evaluateShipmentRecognition(shipment({ rules: [old, current] }));
    expect(out.recognized).toBe(true);
    expect(out.recognitions.map((r) => r.id)).toEqual(['new']);
    expect(codes(out.findings)).toEqual(['RECOGNIZED']);
  });
});

describe('evaluateShipmentRecognition: tiers and roles', () => {
  it('TIER_NOT_ELIGIBLE when the tier is excluded', () => {
    const cert = krCert([period('2022-01-01', null, { tier: 'A' })]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert], rules: [rule({ eligibleTiers: ['AA', 'AAA'] })] }));
    expect(out.recognized).toBe(false);
    expect(out.findings).toEqual([expect.objectContaining({ code: 'TIER_NOT_ELIGIBLE', recognitionId: 'rec-us-recognizes-kr', certificationId: 'cert-kr-1' })]);
    expect(out.findings[0].message).toContain('AA, AAA');
    expect(out.findings[0].message).toContain('tier A ');
    expectCleanFindings(out.findings);
  });

  it('TIER_UNKNOWN (UNDETERMINED) when the certification has no recorded tier and tiers are restricted', () => {
    const cert = krCert([period('2022-01-01', null, { tier: null })]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert], rules: [rule({ eligibleTiers: ['AAA'] })] }));
    expect(out.outcome).toBe('UNDETERMINED');
    expect(codes(out.findings)).toEqual(['TIER_UNKNOWN']);
    expectCleanFindings(out.findings);
  });

  it('empty eligibleTiers accepts every tier, including none', () => {
    const cert = krCert([period('2022-01-01', null, { tier: null })]);
    expect(evaluateShipmentRecognition(shipment({ certifications: [cert] })).recognized).toBe(true);
  });

  it('ROLE_NOT_COVERED when no consignor role is covered', () => {
    const out = evaluateShipmentRecognition(shipment({ consignorRoles: ['CARRIER'], rules: [rule({ coveredRoles: ['EXPORTER', 'MANUFACTURER'] })] }));
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['ROLE_NOT_COVERED']);
    expect(out.findings[0].message).toContain('CARRIER');
    expect(out.findings[0].message).toContain('EXPORTER, MANUFACTURER');
    expectCleanFindings(out.findings);
  });

  it('ROLE_NOT_COVERED when the consignor has no roles at all', () => {
    const out = evaluateShipmentRecognition(shipment({ consignorRoles: [], rules: [rule({ coveredRoles: ['EXPORTER'] })] }));
    expect(codes(out.findings)).toEqual(['ROLE_NOT_COVERED']);
    expectCleanFindings(out.findings);
  });

  it('one shared role is enough; empty coveredRoles covers every role', () => {
    expect(evaluateShipmentRecognition(shipment({ consignorRoles: ['CARRIER', 'EXPORTER'], rules: [rule({ coveredRoles: ['EXPORTER'] })] })).recognized).toBe(
      true,
    );
    expect(evaluateShipmentRecognition(shipment({ consignorRoles: [] })).recognized).toBe(true);
  });

  it('reports both tier and role failures for the same rule', () => {
    const cert = krCert([period('2022-01-01', null, { tier: 'A' })]);
    const out = evaluateShipmentRecognition(
      shipment({ certifications: [cert], consignorRoles: ['CARRIER'], rules: [rule({ eligibleTiers: ['AAA'], coveredRoles: ['EXPORTER'] })] }),
    );
    expect(codes(out.findings)).toEqual(['TIER_NOT_ELIGIBLE', 'ROLE_NOT_COVERED']);
  });
});

describe('evaluateShipmentRecognition: time travel', () => {
  const suspendedLater = krCert([period('2022-01-01', '2024-03-01'), period('2024-03-01', null, { status: 'SUSPENDED' })]);

  it('a shipment that departed before a suspension is still recognized', () => {
    const out = evaluateShipmentRecognition(shipment({ certifications: [suspendedLater], date: '2024-02-29' }));
    expect(out.recognized).toBe(true);
    expect(codes(out.findings)).toEqual(['RECOGNIZED']);
  });

  it('a shipment departing on or after the suspension date is not', () => {
    const onDay = evaluateShipmentRecognition(shipment({ certifications: [suspendedLater], date: '2024-03-01' }));
    expect(codes(onDay.findings)).toEqual(['CERTIFICATION_SUSPENDED']);
    expect(onDay.findings[0].message).toBe('KR-AEO certificate KR-AEO-0001 was suspended on 2024-03-01, the date that counts.');
    expect(evaluateShipmentRecognition(shipment({ certifications: [suspendedLater], date: '2024-04-01' })).recognized).toBe(false);
  });

  it('reinstatement restores recognition from the reinstatement date (built from events)', () => {
    const cert = krCert(
      periodsFromEvents([
        event('CERTIFIED', '2022-01-01', '2022-01-01T00:00:00Z', 'CERTIFIED', 'AAA'),
        event('SUSPENDED', '2024-02-01', '2024-02-01T00:00:00Z', 'SUSPENDED', 'AAA'),
        event('REINSTATED', '2024-04-01', '2024-04-01T00:00:00Z', 'CERTIFIED', 'AAA'),
      ]),
    );
    const at = (date: string) => evaluateShipmentRecognition(shipment({ certifications: [cert], date }));
    expect(at('2024-01-31').recognized).toBe(true);
    expect(at('2024-02-01').recognized).toBe(false);
    expect(at('2024-03-31').recognized).toBe(false);
    expect(at('2024-04-01').recognized).toBe(true);
  });

  it('a tier change moves the certification into and out of eligibility', () => {
    const cert = krCert(
      periodsFromEvents([
        event('CERTIFIED', '2022-01-01', '2022-01-01T00:00:00Z', 'CERTIFIED', 'A'),
        event('TIER_CHANGED', '2024-02-01', '2024-02-01T00:00:00Z', 'CERTIFIED', 'AAA'),
        event('TIER_CHANGED', '2024-05-01', '2024-05-01T00:00:00Z', 'CERTIFIED', 'AA'),
      ]),
    );
    const rules = [rule({ eligibleTiers: ['AAA'] })];
    const at = (date: string) => evaluateShipmentRecognition(shipment({ certifications: [cert], rules, date }));
    expect(codes(at('2024-01-31').findings)).toEqual(['TIER_NOT_ELIGIBLE']);
    expect(at('2024-02-01').recognized).toBe(true);
    expect(at('2024-04-30').recognized).toBe(true);
    expect(codes(at('2024-05-01').findings)).toEqual(['TIER_NOT_ELIGIBLE']);
  });

  it('a renewal extends validity so a later shipment is recognized again', () => {
    const cert = krCert(
      periodsFromEvents([
        event('CERTIFIED', '2021-01-01', '2021-01-01T00:00:00Z', 'CERTIFIED', 'AA', '2024-01-01'),
        event('RENEWED', '2024-03-01', '2024-03-01T00:00:00Z', 'CERTIFIED', 'AA', '2027-03-01'),
      ]),
    );
    const at = (date: string) => evaluateShipmentRecognition(shipment({ certifications: [cert], date }));
    expect(codes(at('2024-02-01').findings)).toEqual(['CERTIFICATION_EXPIRED']);
    expect(at('2024-03-01').recognized).toBe(true);
  });
});

describe('evaluateShipmentRecognition: direction and phasing', () => {
  // US-CBP recognizes KR-AEO from 2024-01-01; KR-KCS recognizes US-CTPAT only from 2024-07-01.
  const usRecognizesKr = rule();
  const krRecognizesUs = rule({
    id: 'rec-kr-recognizes-us',
    recognizingAdministrationCode: 'KR-KCS',
    recognizedProgramCode: 'US-CTPAT',
    effectiveFrom: '2024-07-01',
    benefitCodes: ['REDUCED_INSPECTION'],
  });
  const euRecognizesKrOnly = rule({
    id: 'rec-eu-recognizes-kr',
    agreementId: 'mra-eu-kr',
    agreementTitle: 'EU-Korea AEO MRA',
    recognizingAdministrationCode: 'EU-TAXUD',
  });
  const allRules = [usRecognizesKr, krRecognizesUs, euRecognizesKrOnly];
  const ctpat = usCert([period('2020-01-01', null)]);

  it('A recognizes B but B does not recognize A', () => {
    const krToEu = evaluateShipmentRecognition(shipment({ importingAdministrationCode: 'EU-TAXUD', rules: allRules }));
    expect(krToEu.recognized).toBe(true);
    expect(krToEu.recognitions.map((r) => r.id)).toEqual(['rec-eu-recognizes-kr']);
    const euCert: CertificationFacts = {
      id: 'cert-eu-1',
      programCode: 'EU-AEO',
      administrationCode: 'EU-TAXUD',
      certificateNumber: 'EUAEOF-1',
      periods: [period('2020-01-01', null, { tier: 'AEOF' })],
    };
    const euToKr = evaluateShipmentRecognition(shipment({ importingAdministrationCode: 'KR-KCS', certifications: [euCert], rules: allRules }));
    expect(euToKr.recognized).toBe(false);
    // KR-KCS's arrangements are not declared complete in the register: the missing direction is unknown, not a no.
    expect(euToKr.outcome).toBe('UNDETERMINED');
    expect(codes(euToKr.findings)).toEqual(['REGISTER_COVERAGE_UNKNOWN']);
    const complete = evaluateShipmentRecognition(
      shipment({
        importingAdministrationCode: 'KR-KCS',
        certifications: [euCert],
        rules: allRules,
        registerCoverage: [{ administrationCode: 'KR-KCS', completeAsOf: '2024-02-01' }],
      }),
    );
    expect(complete.outcome).toBe('NOT_RECOGNIZED');
    expect(codes(complete.findings)).toEqual(['NO_AGREEMENT']);
  });

  it('a rule of the same programme for a different recognizing administration is not used', () => {
    const out = evaluateShipmentRecognition(
      shipment({ rules: [euRecognizesKrOnly], registerCoverage: [{ administrationCode: 'US-CBP', completeAsOf: '2024-02-01' }] }),
    );
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['NO_AGREEMENT']);
    expect(codes(evaluateShipmentRecognition(shipment({ rules: [euRecognizesKrOnly] })).findings)).toEqual(['REGISTER_COVERAGE_UNKNOWN']);
  });

  it('phased directions: KR->US recognized before the US->KR direction takes effect', () => {
    const krToUs = evaluateShipmentRecognition(shipment({ date: '2024-03-01', rules: allRules }));
    expect(krToUs.recognized).toBe(true);
    const usToKr = evaluateShipmentRecognition(
      shipment({ date: '2024-03-01', importingAdministrationCode: 'KR-KCS', certifications: [ctpat], rules: allRules }),
    );
    expect(usToKr.recognized).toBe(false);
    expect(codes(usToKr.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(usToKr.findings[0].message).toContain('2024-07-01');
    expect(usToKr.findings[0].message).toContain('KR-KCS');
  });

  it('phased directions: both directions recognized once the later one takes effect', () => {
    const usToKr = evaluateShipmentRecognition(
      shipment({ date: '2024-07-01', importingAdministrationCode: 'KR-KCS', certifications: [ctpat], rules: allRules }),
    );
    expect(usToKr.recognized).toBe(true);
    expect(usToKr.benefitCodes).toEqual(['REDUCED_INSPECTION']);
  });
});

describe('evaluateShipmentRecognition: multiple certifications, benefits and findings', () => {
  it('one recognized certification and one suspended one -> recognized, only RECOGNIZED reported', () => {
    const suspended = krCert([period('2020-01-01', '2023-01-01'), period('2023-01-01', null, { status: 'SUSPENDED' })], {
      id: 'cert-kr-old',
      certificateNumber: 'KR-AEO-0000',
    });
    const out = evaluateShipmentRecognition(shipment({ certifications: [suspended, ACTIVE_KR] }));
    expect(out.recognized).toBe(true);
    expect(codes(out.findings)).toEqual(['RECOGNIZED']);
    expect(out.findings[0].certificationId).toBe('cert-kr-1');
  });

  it('collects every distinct reason in order when nothing is recognized', () => {
    const suspended = krCert([period('2020-01-01', '2023-01-01'), period('2023-01-01', null, { status: 'SUSPENDED' })], { id: 'c1' });
    const eu: CertificationFacts = { id: 'c2', programCode: 'EU-AEO', administrationCode: 'EU-TAXUD', periods: [period('2020-01-01', null, { tier: 'AEOC' })] };
    const tierA = krCert([period('2020-01-01', null, { tier: 'A' })], { id: 'c3' });
    const out = evaluateShipmentRecognition(
      shipment({
        certifications: [suspended, eu, tierA],
        rules: [rule({ eligibleTiers: ['AAA'] })],
        registerCoverage: [{ administrationCode: 'US-CBP', completeAsOf: '2024-02-01' }],
      }),
    );
    expect(out.recognized).toBe(false);
    expect(out.outcome).toBe('NOT_RECOGNIZED');
    expect(out.findings.map((f) => [f.code, f.certificationId])).toEqual([
      ['CERTIFICATION_SUSPENDED', 'c1'],
      ['NO_AGREEMENT', 'c2'],
      ['TIER_NOT_ELIGIBLE', 'c3'],
    ]);
    expectCleanFindings(out.findings);
  });

  it('deduplicates identical reasons (same code, certification and recognition)', () => {
    const cert = krCert([period('2024-06-01', null)]);
    const out = evaluateShipmentRecognition(shipment({ certifications: [cert, cert] }));
    expect(codes(out.findings)).toEqual(['CERTIFICATION_NOT_YET_VALID']);
    const dupRules = evaluateShipmentRecognition(shipment({ date: '2023-12-01', rules: [rule(), rule()] }));
    expect(codes(dupRules.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
  });

  it('reports one AGREEMENT_NOT_IN_FORCE per candidate recognition', () => {
    const out = evaluateShipmentRecognition(
      shipment({ date: '2023-12-01', rules: [rule({ id: 'b' }), rule({ id: 'a', effectiveFrom: null, effectiveBasis: 'UNKNOWN' })] }),
    );
    expect(out.findings.map((f) => [f.code, f.recognitionId])).toEqual([
      ['AGREEMENT_NOT_IN_FORCE', 'a'],
      ['AGREEMENT_NOT_IN_FORCE', 'b'],
    ]);
  });

  it('unions, deduplicates and sorts benefit codes of all applicable recognitions', () => {
    const rules = [
      rule({ id: 'r2', benefitCodes: ['PRIORITY_CLEARANCE', 'FEWER_EXAMS'] }),
      rule({ id: 'r1', agreementId: 'mra-2', benefitCodes: ['FEWER_EXAMS', 'BUSINESS_CONTINUITY', 'FEWER_EXAMS'] }),
    ];
    const out = evaluateShipmentRecognition(shipment({ rules }));
    expect(out.benefitCodes).toEqual(['BUSINESS_CONTINUITY', 'FEWER_EXAMS', 'PRIORITY_CLEARANCE']);
    expect(out.recognitions.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('deduplicates a recognition matched by two certifications of the same programme', () => {
    const second = krCert([period('2023-01-01', null)], { id: 'cert-kr-2', certificateNumber: 'KR-AEO-0002' });
    const out = evaluateShipmentRecognition(shipment({ certifications: [ACTIVE_KR, second] }));
    expect(out.recognitions).toHaveLength(1);
    expect(out.benefitCodes).toEqual(['FEWER_EXAMS', 'PRIORITY_CLEARANCE']);
  });

  it('recognition failures are not reported when another path recognizes (rule not eligible + rule eligible)', () => {
    const out = evaluateShipmentRecognition(shipment({ rules: [rule({ id: 'strict', coveredRoles: ['CARRIER'] }), rule({ id: 'broad' })] }));
    expect(out.recognized).toBe(true);
    expect(out.recognitions.map((r) => r.id)).toEqual(['broad']);
    expect(codes(out.findings)).toEqual(['RECOGNIZED']);
  });

  it('a rule whose date is only assumed from signing never grounds RECOGNIZED; a documented one does', () => {
    const out = evaluateShipmentRecognition(
      shipment({ rules: [rule({ id: 'assumed', effectiveBasis: 'ASSUMED_FROM_SIGNING' }), rule({ id: 'sourced', agreementId: 'mra-2' })] }),
    );
    expect(out.recognized).toBe(true);
    expect(out.recognitions.map((r) => r.id)).toEqual(['sourced']);
    expect(codes(out.findings)).toEqual(['RECOGNIZED']);
    const alone = evaluateShipmentRecognition(shipment({ rules: [rule({ id: 'assumed', effectiveBasis: 'ASSUMED_FROM_SIGNING' })] }));
    expect(alone.outcome).toBe('UNDETERMINED');
    expect(codes(alone.findings)).toEqual(['EFFECTIVE_DATE_ASSUMED']);
    expect(alone.findings[0]).toMatchObject({ recognitionId: 'assumed', agreementId: 'mra-kr-us' });
    expect(alone.findings[0].message).toMatch(/not documented/);
    expect(alone.findings[0].message).toMatch(/assumption from the signing date/);
    expectCleanFindings(alone.findings);
  });

  it('no EFFECTIVE_DATE_ASSUMED when the assumed rule is not applicable', () => {
    const out = evaluateShipmentRecognition(shipment({ date: '2023-12-31', rules: [rule({ effectiveBasis: 'ASSUMED_FROM_SIGNING' })] }));
    expect(out.recognized).toBe(false);
    expect(codes(out.findings)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(out.findings[0].message).toMatch(/signing date/);
  });

  it('messages stay clean when optional text is missing (no certificate number, empty title)', () => {
    const cert = krCert([period('2024-06-01', null)], { certificateNumber: undefined });
    const out1 = evaluateShipmentRecognition(shipment({ certifications: [cert] }));
    expect(out1.findings[0].message).toContain('cert-kr-1');
    expectCleanFindings(out1.findings);
    const out2 = evaluateShipmentRecognition(shipment({ date: '2023-06-01', rules: [rule({ agreementTitle: '' })] }));
    expect(out2.findings[0].message).toContain('mra-kr-us');
    expectCleanFindings(out2.findings);
  });

  it('is pure: inputs are not mutated and repeated calls give equal results', () => {
    const input = shipment({ rules: [rule({ id: 'z' }), rule({ id: 'a' })] });
    const snapshot = JSON.parse(JSON.stringify(input));
    const first = evaluateShipmentRecognition(input);
    const second = evaluateShipmentRecognition(input);
    expect(input).toEqual(snapshot);
    expect(first).toEqual(second);
  });
});
