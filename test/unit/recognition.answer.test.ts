/**
 * The recognition answer with its certainty (src/domain/recognition-answer.ts) and the rules it rests on:
 * the date that counts (reference-date.ts), customs unions over time (customs-union.ts), partner conditions
 * (recognition-conditions.ts), benefits (benefits.ts) and tiers (programme-tiers.ts). Every rule on both sides
 * of each boundary, each finding, each outcome; and a property: withholding a fact a decision needs never
 * yields a confident yes or no.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  answerRecognition,
  answerShipmentRecognition,
  factsUnavailableAnswer,
  FINDING_KINDS,
  ANSWER_FINDING_CODES,
  operatorRecognitionAnswers,
  type AnswerCertification,
  type AnswerRule,
  type RecognitionAnswerInput,
  type ShipmentAnswerInput,
} from '../../src/domain/recognition-answer.js';
import { referenceDate } from '../../src/domain/reference-date.js';
import { importingAdministrationOn, membershipOn, type UnionMembership } from '../../src/domain/customs-union.js';
import { conditionsFor, consentOn, identifierAmong, normalizeIdentifier } from '../../src/domain/recognition-conditions.js';
import { benefitScope, splitBenefits } from '../../src/domain/benefits.js';
import { NO_SECURITY_TIER, recognizedTiers } from '../../src/domain/programme-tiers.js';

// ------------------------------------------------------------------ fixtures

function rule(overrides: Partial<AnswerRule> = {}): AnswerRule {
  return {
    id: 'MRA-KR-CA:CA-CBSA<-KR-AEO',
    agreementId: 'MRA-KR-CA',
    agreementTitle: 'Korea - Canada AEO MRA',
    recognizingAdministrationCode: 'CA-CBSA',
    recognizedProgramCode: 'KR-AEO',
    eligibleTiers: [],
    coveredRoles: [],
    effectiveFrom: '2015-11-01',
    effectiveTo: null,
    effectiveBasis: 'SOURCE',
    agreementStatus: [
      { status: 'SIGNED', from: '2010-06-25', to: '2015-11-01', basis: 'SOURCE' },
      { status: 'IN_FORCE', from: '2015-11-01', to: null, basis: 'SOURCE' },
    ],
    benefitCodes: ['REDUCED_EXAMINATIONS', 'PRIORITY_CLEARANCE', 'CUSTOMS_LIAISON_OFFICER'],
    conditions: [],
    ...overrides,
  };
}

function cert(overrides: Partial<AnswerCertification> = {}): AnswerCertification {
  return {
    id: 'CERT-1',
    programCode: 'KR-AEO',
    administrationCode: 'KR-KCS',
    certificateNumber: 'KR-AEO-2019-000001',
    periods: [{ from: '2009-01-01', to: null, status: 'CERTIFIED', tier: 'AA', validUntil: null }],
    consents: null,
    ...overrides,
  };
}

const SCOPES = { REDUCED_EXAMINATIONS: 'BORDER', PRIORITY_CLEARANCE: 'BORDER', CUSTOMS_LIAISON_OFFICER: 'PROGRAMME' } as const;

function input(overrides: Partial<RecognitionAnswerInput> = {}): RecognitionAnswerInput {
  return {
    date: '2024-04-16',
    asOfBasis: 'IMPORT_DECLARATION',
    importingAdministrationCode: 'CA-CBSA',
    consignorRoles: ['EXPORTER'],
    certifications: [cert()],
    rules: [rule()],
    consignorIdentifiers: ['Hanbit Precision', 'KRHANPRE55BUS'],
    declaration: { declared: true, partnerAeoId: null, shipperIdentifier: null },
    benefitScopes: SCOPES,
    ...overrides,
  };
}

const codes = (a: { findings: { code: string }[] }) => a.findings.map((f) => f.code);
const withCondition = (condition: 'CONSENT_TO_DATA_EXCHANGE' | 'PARTNER_ID_DECLARATION' | 'SHIPPER_NAME_MATCHING', extra: Partial<AnswerRule> = {}) =>
  rule({ conditions: [{ condition, detail: `${condition} as documented` }], ...extra });

// ------------------------------------------------------------------ the date that counts

describe('referenceDate: declaration, else arrival, else departure', () => {
  it('the import declaration date wins, without a note', () => {
    expect(referenceDate({ departedOn: '2015-10-19', arrivedOn: '2015-11-01', importDeclaredOn: '2015-11-02' })).toEqual({
      asOf: '2015-11-02',
      basis: 'IMPORT_DECLARATION',
      note: null,
    });
  });
  it('a declaration lodged before arrival takes effect on arrival (pre-lodged): the arrival date counts, with a note', () => {
    const r = referenceDate({ departedOn: '2020-12-01', arrivedOn: '2021-01-04', importDeclaredOn: '2020-12-28' })!;
    expect(r).toMatchObject({ asOf: '2021-01-04', basis: 'ARRIVAL' });
    expect(r.note).toMatch(/lodged on 2020-12-28, before the goods arrived/);
    expect(referenceDate({ departedOn: '2020-12-01', arrivedOn: '2021-01-04', importDeclaredOn: '2021-01-04' })).toMatchObject({ basis: 'IMPORT_DECLARATION' });
  });
  it('no declaration: the arrival date, with a note that says why', () => {
    const r = referenceDate({ departedOn: '2015-10-19', arrivedOn: '2015-11-01', importDeclaredOn: null })!;
    expect(r).toMatchObject({ asOf: '2015-11-01', basis: 'ARRIVAL' });
    expect(r.note).toMatch(/arrival date 2015-11-01/);
  });
  it('neither: the departure date, with a note that the answer may change', () => {
    const r = referenceDate({ departedOn: '2015-10-19' })!;
    expect(r).toMatchObject({ asOf: '2015-10-19', basis: 'DEPARTURE' });
    expect(r.note).toMatch(/may change/);
  });
  it('no date at all: null; empty strings count as absent', () => {
    expect(referenceDate({})).toBeNull();
    expect(referenceDate({ departedOn: '', arrivedOn: '', importDeclaredOn: '' })).toBeNull();
  });
});

// ------------------------------------------------------------------ customs unions

const GB: UnionMembership = { unionAdministrationCode: 'EU-TAXUD', countryCode: 'GB', from: '1973-01-01', to: '2021-01-01' };
const HR: UnionMembership = { unionAdministrationCode: 'EU-TAXUD', countryCode: 'HR', from: '2013-07-01', to: null };
const DE: UnionMembership = { unionAdministrationCode: 'EU-TAXUD', countryCode: 'DE', from: '1968-07-01', to: null };
const ADMINISTRATIONS = [
  { code: 'EU-TAXUD', jurisdiction: 'EU', countries: ['DE', 'HR'] },
  { code: 'GB-HMRC', jurisdiction: 'GB', countries: ['GB'] },
  { code: 'US-CBP', jurisdiction: 'US', countries: ['US'] },
  { code: 'XX-MULTI', jurisdiction: 'XX', countries: ['XY'] },
];
const importerOn = (countryCode: string | null, date: string, memberships: UnionMembership[] = [GB, HR, DE], recordedCode?: string) =>
  importingAdministrationOn({ countryCode, date, memberships, administrations: ADMINISTRATIONS, recordedCode });

describe('customs unions: the importing administration follows the destination country on the date', () => {
  it('membership is half-open: GB a member on 2020-12-31, not on 2021-01-01; HR not on 2013-06-30, a member on 2013-07-01', () => {
    expect(membershipOn(GB, '2020-12-31')).toBe('MEMBER');
    expect(membershipOn(GB, '2021-01-01')).toBe('NOT_MEMBER');
    expect(membershipOn(HR, '2013-06-30')).toBe('NOT_MEMBER');
    expect(membershipOn(HR, '2013-07-01')).toBe('MEMBER');
  });
  it('an undocumented start or end makes membership UNKNOWN only on the dates it could cover', () => {
    const noStart: UnionMembership = { ...HR, from: null, to: '2030-01-01' };
    expect(membershipOn(noStart, '2020-01-01')).toBe('UNKNOWN');
    expect(membershipOn(noStart, '2030-01-01')).toBe('NOT_MEMBER');
    const leftUndated: UnionMembership = { ...GB, to: null, toUnknown: true };
    expect(membershipOn(leftUndated, '1972-12-31')).toBe('NOT_MEMBER');
    expect(membershipOn(leftUndated, '2022-01-01')).toBe('UNKNOWN');
  });
  it('GB: EU-TAXUD on 2020-12-31 (CUSTOMS_UNION_MEMBER note), GB-HMRC from 2021-01-01 (explained)', () => {
    expect(importerOn('GB', '2020-12-31')).toMatchObject({ code: 'EU-TAXUD', via: 'UNION' });
    const after = importerOn('GB', '2021-01-01');
    expect(after).toMatchObject({ code: 'GB-HMRC', via: 'NATIONAL' });
    expect(after.explanation).toMatch(/left the customs union of EU-TAXUD on 2021-01-01/);
  });
  it('HR before accession: no Croatian administration in the registry, so the importer is unknown (not EU-TAXUD)', () => {
    const before = importerOn('HR', '2013-06-30');
    expect(before).toMatchObject({ code: null, unknown: 'ADMINISTRATION' });
    expect(before.explanation).toMatch(/joined the customs union of EU-TAXUD only on 2013-07-01/);
    expect(importerOn('HR', '2013-07-01')).toMatchObject({ code: 'EU-TAXUD', via: 'UNION' });
  });
  it('an undocumented membership makes the importer unknown (MEMBERSHIP)', () => {
    expect(importerOn('HR', '2020-01-01', [{ ...HR, from: null }])).toMatchObject({ code: null, unknown: 'MEMBERSHIP' });
  });
  it('countries outside any union: the national administration, or one whose countries list it; none: unknown', () => {
    expect(importerOn('US', '2024-01-01')).toMatchObject({ code: 'US-CBP', via: 'NATIONAL', explanation: null });
    expect(importerOn('XY', '2024-01-01')).toMatchObject({ code: 'XX-MULTI', via: 'NATIONAL' });
    expect(importerOn('ZZ', '2024-01-01')).toMatchObject({ code: null, unknown: 'ADMINISTRATION' });
  });
  it('no destination country: the recorded importing administration, or unknown', () => {
    expect(importerOn(null, '2024-01-01', [], 'US-CBP')).toMatchObject({ code: 'US-CBP', via: 'RECORDED' });
    expect(importerOn(null, '2024-01-01')).toMatchObject({ code: null });
  });
});

// ------------------------------------------------------------------ conditions, benefits, tiers

describe('partner conditions: which apply, consent over time, identifiers', () => {
  it('conditions apply by recognition id, agreement id or programme code', () => {
    const all = [
      { subject: 'MRA-KR-CA:CA-CBSA<-KR-AEO', n: 1 },
      { subject: 'MRA-KR-CA', n: 2 },
      { subject: 'KR-AEO', n: 3 },
      { subject: 'MRA-KR-CA:KR-KCS<-CA-PIP', n: 4 },
      { subject: 'EU-AEO', n: 5 },
    ];
    expect(conditionsFor(rule(), all).map((c) => c.n)).toEqual([1, 2, 3]);
  });
  it('consent: the latest record on or before the date decides; before the first record it is unknown', () => {
    const records = [
      { status: 'GIVEN' as const, effectiveOn: '2020-01-01', partnerAdministrationCode: null },
      { status: 'WITHDRAWN' as const, effectiveOn: '2024-10-01', partnerAdministrationCode: null },
      { status: 'WITHDRAWN' as const, effectiveOn: '2022-01-01', partnerAdministrationCode: 'CN-GACC' },
    ];
    expect(consentOn(records, 'US-CBP', '2019-12-31')).toBe('UNKNOWN');
    expect(consentOn(records, 'US-CBP', '2020-01-01')).toBe('GIVEN');
    expect(consentOn(records, 'US-CBP', '2024-09-30')).toBe('GIVEN');
    expect(consentOn(records, 'US-CBP', '2024-10-01')).toBe('WITHDRAWN');
    expect(consentOn(records, 'CN-GACC', '2022-01-01')).toBe('WITHDRAWN');
    expect(consentOn(records, 'CN-GACC', '2021-12-31')).toBe('GIVEN');
    expect(consentOn(null, 'US-CBP', '2024-01-01')).toBe('UNKNOWN');
    expect(consentOn([], 'US-CBP', '2024-01-01')).toBe('UNKNOWN');
  });
  it('identifiers compare without case, spaces, dots, dashes or slashes; empty never matches', () => {
    expect(normalizeIdentifier(' kr-aeo/2019.000 001 ')).toBe('KRAEO2019000001');
    expect(identifierAmong('kr aeo 2019 000001', ['KR-AEO-2019-000001'])).toBe(true);
    expect(identifierAmong('KR-AEO-2019-000002', ['KR-AEO-2019-000001'])).toBe(false);
    expect(identifierAmong(' - ', ['', '-'])).toBe(false);
  });
});

describe('benefits: at the border or of the programme', () => {
  it('categories map to a scope; an unknown category is never claimed at the border', () => {
    expect(benefitScope('CONTROL')).toBe('BORDER');
    expect(benefitScope('RISK')).toBe('BORDER');
    expect(benefitScope('CONTINUITY')).toBe('BORDER');
    expect(benefitScope('VALIDATION')).toBe('PROGRAMME');
    expect(benefitScope('COMMERCIAL')).toBe('PROGRAMME');
    expect(benefitScope('APPLICATION')).toBe('PROGRAMME');
    expect(benefitScope('SOMETHING_NEW')).toBe('PROGRAMME');
    expect(benefitScope(null)).toBe('PROGRAMME');
  });
  it('splitBenefits sorts, deduplicates and separates; without scopes every benefit is listed', () => {
    expect(splitBenefits(['PRIORITY_CLEARANCE', 'CUSTOMS_LIAISON_OFFICER', 'REDUCED_EXAMINATIONS', 'PRIORITY_CLEARANCE'], SCOPES)).toEqual({
      border: ['PRIORITY_CLEARANCE', 'REDUCED_EXAMINATIONS'],
      programme: ['CUSTOMS_LIAISON_OFFICER'],
    });
    expect(splitBenefits(['B', 'A'], undefined)).toEqual({ border: ['A', 'B'], programme: [] });
  });
});

describe('tiers as the programme defines them', () => {
  const MX = [
    { code: 'A', scope: 'TAX' },
    { code: 'AA', scope: 'TAX' },
    { code: 'OEA', scope: 'SECURITY' },
  ];
  it('listed tiers are what the recognition covers', () => expect(recognizedTiers(['AA'], MX)).toEqual(['AA']));
  it('unlisted: only the security tiers when some tiers are not security certifications', () => expect(recognizedTiers([], MX)).toEqual(['OEA']));
  it('unlisted and every tier a security tier (or no tiers): every tier', () => {
    expect(recognizedTiers([], [{ code: 'A', scope: 'SECURITY' }])).toEqual([]);
    expect(recognizedTiers([], [])).toEqual([]);
  });
  it('no security tier at all: nothing is covered', () => expect(recognizedTiers([], [{ code: 'A', scope: 'TAX' }])).toEqual([NO_SECURITY_TIER]));
});

// ------------------------------------------------------------------ the decision

describe('answerRecognition: outcomes and findings', () => {
  it('RECOGNIZED on known facts, with border benefits only and the programme ones apart', () => {
    const a = answerRecognition(input());
    expect(a).toMatchObject({ outcome: 'RECOGNIZED', recognized: true, asOf: '2024-04-16', importingAdministrationCode: 'CA-CBSA' });
    expect(codes(a)).toEqual(['RECOGNIZED']);
    expect(a.benefitCodes).toEqual(['PRIORITY_CLEARANCE', 'REDUCED_EXAMINATIONS']);
    expect(a.programmeBenefitCodes).toEqual(['CUSTOMS_LIAISON_OFFICER']);
  });

  it('effective date: the day before is NOT_RECOGNIZED (documented), the day itself RECOGNIZED', () => {
    const before = answerRecognition(input({ date: '2015-10-31' }));
    expect(before.outcome).toBe('NOT_RECOGNIZED');
    expect(codes(before)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(answerRecognition(input({ date: '2015-11-01' })).outcome).toBe('RECOGNIZED');
  });

  it('effective end is exclusive', () => {
    const r = rule({ effectiveTo: '2020-01-01' });
    expect(answerRecognition(input({ rules: [r], date: '2019-12-31' })).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(input({ rules: [r], date: '2020-01-01' })).outcome).toBe('NOT_RECOGNIZED');
  });

  it('undocumented date of application: UNDETERMINED after signing, NOT_RECOGNIZED before a documented signing', () => {
    const undated = rule({
      effectiveFrom: null,
      effectiveBasis: 'UNKNOWN',
      agreementStatus: [{ status: 'SIGNED', from: '2010-06-25', to: null, basis: 'SOURCE' }],
    });
    const after = answerRecognition(input({ rules: [undated], date: '2024-01-01' }));
    expect(after.outcome).toBe('UNDETERMINED');
    expect(codes(after)).toEqual(['EFFECTIVE_DATE_UNKNOWN']);
    expect(after.undeterminedRecognitions.map((r) => r.id)).toEqual([undated.id]);
    expect(answerRecognition(input({ rules: [undated], date: '2010-06-25' })).outcome).toBe('UNDETERMINED');
    const before = answerRecognition(input({ rules: [undated], date: '2010-06-24' }));
    expect(before.outcome).toBe('NOT_RECOGNIZED');
    expect(before.findings[0].message).toMatch(/not yet signed on 2010-06-24/);
  });

  it('an agreement with no dated status at all: UNDETERMINED', () => {
    const r = rule({ effectiveFrom: null, effectiveBasis: 'UNKNOWN', agreementStatus: [] });
    expect(answerRecognition(input({ rules: [r], date: '2024-01-01' })).outcome).toBe('UNDETERMINED');
  });

  it('a signing date only assumed, or a status whose basis is UNKNOWN, is not documented', () => {
    const assumedSigning = rule({
      effectiveFrom: null,
      effectiveBasis: 'UNKNOWN',
      agreementStatus: [{ status: 'SIGNED', from: '2010-06-25', to: null, basis: 'UNKNOWN' }],
    });
    expect(answerRecognition(input({ rules: [assumedSigning], date: '2009-01-01' })).outcome).toBe('UNDETERMINED');
    const inForceUndocumented = rule({ agreementStatus: [{ status: 'IN_FORCE', from: '2015-11-01', to: null, basis: 'ASSUMED_FROM_SIGNING' }] });
    expect(codes(answerRecognition(input({ rules: [inForceUndocumented] })))).toEqual(['EFFECTIVE_DATE_UNKNOWN']);
  });

  it('EFFECTIVE_DATE_ASSUMED: a date assumed from signing is UNDETERMINED after it, NOT_RECOGNIZED before it', () => {
    const assumed = rule({ effectiveBasis: 'ASSUMED_FROM_SIGNING', effectiveFrom: '2015-11-01' });
    expect(codes(answerRecognition(input({ rules: [assumed] })))).toEqual(['EFFECTIVE_DATE_ASSUMED']);
    expect(answerRecognition(input({ rules: [assumed], date: '2015-10-31' })).outcome).toBe('NOT_RECOGNIZED');
  });

  it('SOURCE_PERIOD_END (known to the month): before the stored date it is unknown, from it recognized', () => {
    const monthOnly = rule({ effectiveBasis: 'SOURCE_PERIOD_END', effectiveFrom: '2015-12-01' });
    expect(answerRecognition(input({ rules: [monthOnly], date: '2015-11-15' })).outcome).toBe('UNDETERMINED');
    expect(answerRecognition(input({ rules: [monthOnly], date: '2015-12-01' })).outcome).toBe('RECOGNIZED');
  });

  it('covered earlier for some transport modes: TRANSPORT_MODE_UNKNOWN between the earliest mode and the recognition start', () => {
    const byMode = rule({
      effectiveFrom: '2014-09-01',
      agreementStatus: [
        { status: 'SIGNED', from: '2014-01-01', to: '2014-09-01', basis: 'SOURCE' },
        { status: 'IN_FORCE', from: '2014-09-01', to: null, basis: 'SOURCE' },
      ],
      conditions: [{ condition: 'TRANSPORT_MODE', detail: 'Road cargo covered from 2014-05-18; air and sea cargo from 2014-09-01' }],
    });
    expect(answerRecognition(input({ rules: [byMode], date: '2014-05-17' })).outcome).toBe('NOT_RECOGNIZED');
    expect(answerRecognition(input({ rules: [byMode], date: '2014-05-18' }))).toMatchObject({
      outcome: 'UNDETERMINED',
      findings: [{ code: 'TRANSPORT_MODE_UNKNOWN' }],
    });
    expect(answerRecognition(input({ rules: [byMode], date: '2014-08-31' })).outcome).toBe('UNDETERMINED');
    expect(answerRecognition(input({ rules: [byMode], date: '2014-09-01' })).outcome).toBe('RECOGNIZED');
  });

  it('suspended and terminated agreements: NOT_RECOGNIZED while so', () => {
    const suspended = rule({
      agreementStatus: [
        { status: 'IN_FORCE', from: '2015-11-01', to: '2020-01-01', basis: 'SOURCE' },
        { status: 'SUSPENDED', from: '2020-01-01', to: '2021-01-01', basis: 'SOURCE' },
        { status: 'IN_FORCE', from: '2021-01-01', to: '2023-01-01', basis: 'SOURCE' },
        { status: 'TERMINATED', from: '2023-01-01', to: null, basis: 'SOURCE' },
      ],
    });
    expect(answerRecognition(input({ rules: [suspended], date: '2019-12-31' })).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(input({ rules: [suspended], date: '2020-01-01' })).findings[0].message).toMatch(/suspended/);
    expect(answerRecognition(input({ rules: [suspended], date: '2021-01-01' })).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(input({ rules: [suspended], date: '2023-01-01' })).findings[0].message).toMatch(/terminated/);
  });

  it('certification states are established reasons, whatever the dates of the agreement', () => {
    const undated = rule({ effectiveFrom: null, effectiveBasis: 'UNKNOWN' });
    const states = [
      { status: 'SUSPENDED', code: 'CERTIFICATION_SUSPENDED' },
      { status: 'REVOKED', code: 'CERTIFICATION_REVOKED' },
      { status: 'WITHDRAWN', code: 'CERTIFICATION_WITHDRAWN' },
    ] as const;
    for (const { status, code } of states) {
      const c = cert({ periods: [{ from: '2019-01-01', to: null, status, tier: 'AA', validUntil: null }] });
      const a = answerRecognition(input({ rules: [undated], certifications: [c] }));
      expect(a.outcome).toBe('NOT_RECOGNIZED');
      expect(codes(a)).toEqual([code]);
    }
    const expired = cert({ periods: [{ from: '2019-01-01', to: null, status: 'CERTIFIED', tier: 'AA', validUntil: '2024-04-16' }] });
    expect(codes(answerRecognition(input({ certifications: [expired] })))).toEqual(['CERTIFICATION_EXPIRED']);
    expect(answerRecognition(input({ certifications: [expired], date: '2024-04-15' })).outcome).toBe('RECOGNIZED');
    const later = cert({ periods: [{ from: '2024-04-17', to: null, status: 'CERTIFIED', tier: 'AA', validUntil: null }] });
    expect(codes(answerRecognition(input({ certifications: [later] })))).toEqual(['CERTIFICATION_NOT_YET_VALID']);
  });

  it('NO_CERTIFICATION and SAME_ADMINISTRATION are established; NO_AGREEMENT only where the register is complete', () => {
    expect(answerRecognition(input({ certifications: [] }))).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'NO_CERTIFICATION' }] });
    expect(codes(answerRecognition(input({ importingAdministrationCode: 'KR-KCS' })))).toEqual(['SAME_ADMINISTRATION']);
    const complete = [{ administrationCode: 'BR-RFB', completeAsOf: '2024-04-16' }];
    expect(answerRecognition(input({ importingAdministrationCode: 'BR-RFB', registerCoverage: complete }))).toMatchObject({
      outcome: 'NOT_RECOGNIZED',
      findings: [{ code: 'NO_AGREEMENT', certificationId: 'CERT-1' }],
    });
  });

  describe('register coverage: no recorded arrangement is NO_AGREEMENT only where the register is complete on the date that counts', () => {
    const brazil = (completeAsOf: string) => [{ administrationCode: 'BR-RFB', completeAsOf }];

    it('no coverage declared for the importer: UNDETERMINED (REGISTER_COVERAGE_UNKNOWN, an unknown fact), never NOT_RECOGNIZED', () => {
      for (const registerCoverage of [undefined, null, [], [{ administrationCode: 'US-CBP', completeAsOf: '2030-01-01' }]]) {
        const a = answerRecognition(input({ importingAdministrationCode: 'BR-RFB', registerCoverage }));
        expect(a).toMatchObject({ outcome: 'UNDETERMINED', recognized: false, recognitions: [], undeterminedRecognitions: [] });
        expect(a.findings).toMatchObject([{ code: 'REGISTER_COVERAGE_UNKNOWN', certificationId: 'CERT-1' }]);
        expect(FINDING_KINDS.REGISTER_COVERAGE_UNKNOWN).toBe('UNKNOWN');
        expect(a.findings[0].message).toContain('BR-RFB');
        expect(a.findings[0].message).toContain('not proof');
      }
    });

    it('coverage complete as of the date that counts or later: NOT_RECOGNIZED (NO_AGREEMENT); the day before the date: UNDETERMINED', () => {
      expect(answerRecognition(input({ importingAdministrationCode: 'BR-RFB', registerCoverage: brazil('2024-04-16') })).outcome).toBe('NOT_RECOGNIZED');
      expect(answerRecognition(input({ importingAdministrationCode: 'BR-RFB', registerCoverage: brazil('2030-01-01') })).outcome).toBe('NOT_RECOGNIZED');
      const stale = answerRecognition(input({ importingAdministrationCode: 'BR-RFB', registerCoverage: brazil('2024-04-15') }));
      expect(stale.outcome).toBe('UNDETERMINED');
      expect(codes(stale)).toEqual(['REGISTER_COVERAGE_UNKNOWN']);
      expect(stale.findings[0].message).toContain('checked complete only as of 2024-04-15');
    });

    it('an established failure of another certification does not turn an unknown coverage into NOT_RECOGNIZED', () => {
      const jp = cert({ id: 'CERT-JP', programCode: 'JP-AEO', administrationCode: 'JP-JCTB', certificateNumber: 'JP-AEO-1' });
      const tiered = rule({ eligibleTiers: ['AAA'] });
      const a = answerRecognition(input({ certifications: [cert(), jp], rules: [tiered] }));
      expect(a.outcome).toBe('UNDETERMINED');
      expect(codes(a)).toEqual(['REGISTER_COVERAGE_UNKNOWN', 'TIER_NOT_ELIGIBLE']);
      const complete = answerRecognition(
        input({ certifications: [cert(), jp], rules: [tiered], registerCoverage: [{ administrationCode: 'CA-CBSA', completeAsOf: '2025-01-01' }] }),
      );
      expect(complete.outcome).toBe('NOT_RECOGNIZED');
      expect(codes(complete).sort()).toEqual(['NO_AGREEMENT', 'TIER_NOT_ELIGIBLE']);
    });

    it('a recorded recognition that holds still answers RECOGNIZED whatever the coverage', () => {
      const jp = cert({ id: 'CERT-JP', programCode: 'JP-AEO', administrationCode: 'JP-JCTB', certificateNumber: 'JP-AEO-1' });
      expect(answerRecognition(input({ certifications: [jp, cert()] })).outcome).toBe('RECOGNIZED');
    });

    it('certifications not disclosed: the same rule', () => {
      const unknown = answerRecognition(input({ certifications: null, importingAdministrationCode: 'BR-RFB' }));
      expect(unknown.outcome).toBe('UNDETERMINED');
      expect(codes(unknown)).toEqual(['REGISTER_COVERAGE_UNKNOWN', 'CERTIFICATION_NOT_DISCLOSED']);
      expect(answerRecognition(input({ certifications: null, importingAdministrationCode: 'BR-RFB', registerCoverage: brazil('2024-04-15') })).outcome).toBe(
        'UNDETERMINED',
      );
      expect(answerRecognition(input({ certifications: null, importingAdministrationCode: 'BR-RFB', registerCoverage: brazil('2024-04-16') }))).toMatchObject({
        outcome: 'NOT_RECOGNIZED',
        findings: [{ code: 'NO_AGREEMENT' }],
      });
    });
  });

  it('tiers: not eligible is established, no recorded tier where tiers matter is unknown', () => {
    const restricted = rule({ eligibleTiers: ['AAA'] });
    expect(codes(answerRecognition(input({ rules: [restricted] })))).toEqual(['TIER_NOT_ELIGIBLE']);
    const untiered = cert({ periods: [{ from: '2019-01-01', to: null, status: 'CERTIFIED', tier: null, validUntil: null }] });
    expect(answerRecognition(input({ rules: [restricted], certifications: [untiered] }))).toMatchObject({
      outcome: 'UNDETERMINED',
      findings: [{ code: 'TIER_UNKNOWN' }],
    });
    expect(answerRecognition(input({ certifications: [untiered] })).outcome).toBe('RECOGNIZED');
  });

  it('a documented tier restriction the register does not model as tiers: TIER_UNKNOWN (UNDETERMINED), not a guess', () => {
    const thirdTypeOnly = rule({ conditions: [{ condition: 'ELIGIBLE_TIERS', detail: 'only "third type" AEOs (not modelled as a tier)' }] });
    const a = answerRecognition(input({ rules: [thirdTypeOnly] }));
    expect(a).toMatchObject({ outcome: 'UNDETERMINED', findings: [{ code: 'TIER_UNKNOWN' }] });
    expect(a.findings[0].message).toMatch(/third type/);
    // Where the restriction is modelled (eligibleTiers), the condition row is only its source.
    const modelled = rule({ eligibleTiers: ['AA'], conditions: [{ condition: 'ELIGIBLE_TIERS', detail: 'AA only' }] });
    expect(answerRecognition(input({ rules: [modelled] })).outcome).toBe('RECOGNIZED');
  });

  it('roles: ROLE_NOT_COVERED is established', () => {
    const a = answerRecognition(input({ rules: [rule({ coveredRoles: ['MANUFACTURER'] })], consignorRoles: ['CUSTOMS_BROKER'] }));
    expect(a).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'ROLE_NOT_COVERED' }] });
  });

  it('consent to data exchange: given on the date RECOGNIZED, withdrawn NOT_RECOGNIZED (CONSENT_NOT_GIVEN), not on record UNDETERMINED', () => {
    const r = withCondition('CONSENT_TO_DATA_EXCHANGE');
    const given = { status: 'GIVEN' as const, effectiveOn: '2019-01-01', partnerAdministrationCode: null };
    const withdrawn = { status: 'WITHDRAWN' as const, effectiveOn: '2024-04-16', partnerAdministrationCode: null };
    expect(answerRecognition(input({ rules: [r], certifications: [cert({ consents: [given] })] })).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(input({ rules: [r], certifications: [cert({ consents: [given, withdrawn] })], date: '2024-04-15' })).outcome).toBe('RECOGNIZED');
    const no = answerRecognition(input({ rules: [r], certifications: [cert({ consents: [given, withdrawn] })] }));
    expect(no).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'CONSENT_NOT_GIVEN' }] });
    expect(answerRecognition(input({ rules: [r], certifications: [cert({ consents: [] })] }))).toMatchObject({
      outcome: 'UNDETERMINED',
      findings: [{ code: 'CONSENT_UNKNOWN' }],
    });
    expect(answerRecognition(input({ rules: [r], certifications: [cert({ consents: null })] })).outcome).toBe('UNDETERMINED');
  });

  it("the partner's AEO identifier in the declaration: declared RECOGNIZED, missing or wrong NOT_RECOGNIZED, no declaration yet UNDETERMINED", () => {
    const r = withCondition('PARTNER_ID_DECLARATION');
    const declare = (partnerAeoId: string | null, declared = true) => input({ rules: [r], declaration: { declared, partnerAeoId, shipperIdentifier: null } });
    expect(answerRecognition(declare('kr-aeo-2019-000001')).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(declare('KRHANPRE55BUS')).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(declare(null))).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'PARTNER_ID_NOT_DECLARED' }] });
    expect(answerRecognition(declare('  '))).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'PARTNER_ID_NOT_DECLARED' }] });
    expect(answerRecognition(declare('KR-AEO-2019-999999'))).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'PARTNER_ID_NOT_DECLARED' }] });
    expect(answerRecognition(declare(null, false))).toMatchObject({ outcome: 'UNDETERMINED', findings: [{ code: 'PARTNER_ID_UNKNOWN' }] });
    expect(answerRecognition(input({ rules: [r], declaration: null })).outcome).toBe('UNDETERMINED');
    // A wrong number may be one of the consignor's other identifiers, which the caller may not see.
    expect(answerRecognition({ ...declare('KR-AEO-2019-999999'), consignorIdentifiers: null }).outcome).toBe('UNDETERMINED');
  });

  it('shipper matching: the certified consignor RECOGNIZED, another shipper NOT_RECOGNIZED (SHIPPER_NOT_COVERED), unknown UNDETERMINED', () => {
    const r = withCondition('SHIPPER_NAME_MATCHING');
    const shipper = (shipperIdentifier: string | null) => input({ rules: [r], declaration: { declared: true, partnerAeoId: null, shipperIdentifier } });
    expect(answerRecognition(shipper('hanbit precision')).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(shipper('KRHANPRE55BUS')).outcome).toBe('RECOGNIZED');
    expect(answerRecognition(shipper('Busan Consolidators'))).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'SHIPPER_NOT_COVERED' }] });
    expect(answerRecognition(shipper(null))).toMatchObject({ outcome: 'UNDETERMINED', findings: [{ code: 'SHIPPER_UNKNOWN' }] });
    expect(answerRecognition({ ...shipper('Busan Consolidators'), consignorIdentifiers: null }).outcome).toBe('UNDETERMINED');
  });

  it('an established reason closes a ground even when another fact of it is unknown', () => {
    const r = rule({ effectiveFrom: null, effectiveBasis: 'UNKNOWN', eligibleTiers: ['AAA'] });
    expect(answerRecognition(input({ rules: [r] }))).toMatchObject({ outcome: 'NOT_RECOGNIZED', findings: [{ code: 'TIER_NOT_ELIGIBLE' }] });
  });

  it('one established ground is enough for RECOGNIZED, whatever the other grounds', () => {
    const undated = rule({ id: 'undated', agreementId: 'other', effectiveFrom: null, effectiveBasis: 'UNKNOWN' });
    const a = answerRecognition(input({ rules: [undated, rule()] }));
    expect(a.outcome).toBe('RECOGNIZED');
    expect(a.recognitions.map((r) => r.id)).toEqual([rule().id]);
  });

  it('UNDETERMINED lists the unknowns first, then the established reasons of the other grounds', () => {
    const undated = rule({ id: 'undated', agreementId: 'other', effectiveFrom: null, effectiveBasis: 'UNKNOWN' });
    const a = answerRecognition(input({ rules: [undated, rule({ eligibleTiers: ['AAA'] })] }));
    expect(a.outcome).toBe('UNDETERMINED');
    expect(codes(a)).toEqual(['EFFECTIVE_DATE_UNKNOWN', 'TIER_NOT_ELIGIBLE']);
  });

  it('REFERENCE_DATE_MISSING: UNDETERMINED, unless the consignor holds no certification at all', () => {
    expect(answerRecognition(input({ date: null }))).toMatchObject({ outcome: 'UNDETERMINED', findings: [{ code: 'REFERENCE_DATE_MISSING' }] });
    expect(answerRecognition(input({ date: null, certifications: [] })).outcome).toBe('NOT_RECOGNIZED');
  });

  it('IMPORTING_ADMINISTRATION_UNKNOWN: UNDETERMINED with the explanation, unless no certification is active on the date', () => {
    const a = answerRecognition(input({ importingAdministrationCode: null, importerUnknown: 'HR was not yet in the EU customs union.' }));
    expect(a).toMatchObject({
      outcome: 'UNDETERMINED',
      findings: [{ code: 'IMPORTING_ADMINISTRATION_UNKNOWN', message: 'HR was not yet in the EU customs union.' }],
    });
    const suspended = cert({ periods: [{ from: '2019-01-01', to: null, status: 'SUSPENDED', tier: 'AA', validUntil: null }] });
    expect(answerRecognition(input({ importingAdministrationCode: null, certifications: [suspended] })).outcome).toBe('NOT_RECOGNIZED');
  });

  it('certifications not disclosed: UNDETERMINED, except NO_AGREEMENT (register complete) and agreements certainly not in force', () => {
    expect(answerRecognition(input({ certifications: null }))).toMatchObject({ outcome: 'UNDETERMINED', findings: [{ code: 'CERTIFICATION_NOT_DISCLOSED' }] });
    expect(
      answerRecognition(
        input({
          certifications: null,
          importingAdministrationCode: 'BR-RFB',
          registerCoverage: [{ administrationCode: 'BR-RFB', completeAsOf: '2024-12-31' }],
        }),
      ),
    ).toMatchObject({
      outcome: 'NOT_RECOGNIZED',
      findings: [{ code: 'NO_AGREEMENT' }],
    });
    expect(answerRecognition(input({ certifications: null, date: '2015-10-31' }))).toMatchObject({
      outcome: 'NOT_RECOGNIZED',
      findings: [{ code: 'AGREEMENT_NOT_IN_FORCE' }],
    });
    const undated = rule({ effectiveFrom: null, effectiveBasis: 'UNKNOWN' });
    expect(codes(answerRecognition(input({ certifications: null, rules: [undated] })))).toEqual(['CERTIFICATION_NOT_DISCLOSED', 'EFFECTIVE_DATE_UNKNOWN']);
  });

  it('FACTS_UNAVAILABLE: an UNDETERMINED answer that keeps the date and importer', () => {
    expect(
      factsUnavailableAnswer('operators did not answer', { asOf: '2024-01-01', asOfBasis: 'ARRIVAL', importingAdministrationCode: 'US-CBP' }),
    ).toMatchObject({
      outcome: 'UNDETERMINED',
      recognized: false,
      asOf: '2024-01-01',
      findings: [{ code: 'FACTS_UNAVAILABLE', message: 'operators did not answer' }],
    });
  });

  it('every finding code has a kind; recognized is exactly outcome RECOGNIZED', () => {
    for (const code of ANSWER_FINDING_CODES) expect(FINDING_KINDS[code]).toMatch(/^(RESULT|ESTABLISHED|UNKNOWN|NOTE)$/);
    for (const a of [answerRecognition(input()), answerRecognition(input({ date: null })), answerRecognition(input({ certifications: [] }))]) {
      expect(a.recognized).toBe(a.outcome === 'RECOGNIZED');
    }
  });
});

// ------------------------------------------------------------------ a shipment at destination

describe('answerShipmentRecognition: date, territory, rules together', () => {
  const jpRule = rule({
    id: 'MRA-EU-JP:EU-TAXUD<-JP-AEO',
    agreementId: 'MRA-EU-JP',
    recognizingAdministrationCode: 'EU-TAXUD',
    recognizedProgramCode: 'JP-AEO',
    effectiveFrom: '2011-05-24',
    agreementStatus: [{ status: 'IN_FORCE', from: '2011-05-24', to: null, basis: 'SOURCE' }],
  });
  const jpCert = cert({ id: 'CERT-JP', programCode: 'JP-AEO', administrationCode: 'JP-JCTB', certificateNumber: 'JP-AEO-1' });
  const shipmentTo = (country: string, dates: { departedOn: string; arrivedOn?: string | null; importDeclaredOn?: string | null }): ShipmentAnswerInput => ({
    shipment: { ...dates, destinationCountry: country, recordedImportingAdministrationCode: country === 'GB' ? 'GB-HMRC' : 'EU-TAXUD' },
    memberships: [GB, HR, DE],
    administrations: ADMINISTRATIONS,
    consignorRoles: ['EXPORTER'],
    certifications: [jpCert],
    consignorIdentifiers: [],
    rules: [jpRule],
  });

  it('GB on both sides of 2021-01-01: EU-TAXUD recognizes on 2020-12-31; GB-HMRC (no agreement recorded, register not complete) on 2021-01-01', () => {
    const before = answerShipmentRecognition(shipmentTo('GB', { departedOn: '2020-12-01', importDeclaredOn: '2020-12-31' }));
    expect(before).toMatchObject({ outcome: 'RECOGNIZED', importingAdministrationCode: 'EU-TAXUD', asOf: '2020-12-31', asOfBasis: 'IMPORT_DECLARATION' });
    expect(codes(before)).toEqual(['RECOGNIZED', 'CUSTOMS_UNION_MEMBER']);
    const after = answerShipmentRecognition(shipmentTo('GB', { departedOn: '2020-12-01', importDeclaredOn: '2021-01-01' }));
    expect(after).toMatchObject({ outcome: 'UNDETERMINED', importingAdministrationCode: 'GB-HMRC' });
    expect(codes(after)).toEqual(['REGISTER_COVERAGE_UNKNOWN', 'CUSTOMS_UNION_NON_MEMBER']);
    // The coverage reaches the shipment's answer: complete for GB-HMRC on the date, the absence is established.
    const complete = answerShipmentRecognition({
      ...shipmentTo('GB', { departedOn: '2020-12-01', importDeclaredOn: '2021-01-01' }),
      registerCoverage: [{ administrationCode: 'GB-HMRC', completeAsOf: '2021-01-01' }],
    });
    expect(complete).toMatchObject({ outcome: 'NOT_RECOGNIZED', importingAdministrationCode: 'GB-HMRC' });
    expect(codes(complete)).toEqual(['NO_AGREEMENT', 'CUSTOMS_UNION_NON_MEMBER']);
  });

  it('HR on both sides of 2013-07-01: importer unknown (UNDETERMINED), then EU-TAXUD (RECOGNIZED)', () => {
    const before = answerShipmentRecognition(shipmentTo('HR', { departedOn: '2013-06-01', arrivedOn: '2013-06-30' }));
    expect(before).toMatchObject({ outcome: 'UNDETERMINED', importingAdministrationCode: null, asOfBasis: 'ARRIVAL' });
    expect(codes(before)).toEqual(['IMPORTING_ADMINISTRATION_UNKNOWN', 'EVALUATED_ON_ARRIVAL']);
    expect(answerShipmentRecognition(shipmentTo('HR', { departedOn: '2013-06-01', arrivedOn: '2013-07-01' })).outcome).toBe('RECOGNIZED');
  });

  it('departure only: evaluated on departure, with EVALUATED_ON_DEPARTURE', () => {
    const a = answerShipmentRecognition(shipmentTo('DE', { departedOn: '2024-01-01' }));
    expect(a).toMatchObject({ outcome: 'RECOGNIZED', asOfBasis: 'DEPARTURE' });
    expect(codes(a)).toContain('EVALUATED_ON_DEPARTURE');
  });

  it('the declaration is "lodged" exactly when importDeclaredOn is set', () => {
    const r = { ...jpRule, conditions: [{ condition: 'PARTNER_ID_DECLARATION' as const, detail: 'code in the declaration' }] };
    const pending = answerShipmentRecognition({ ...shipmentTo('DE', { departedOn: '2024-01-01', arrivedOn: '2024-01-20' }), rules: [r] });
    expect(pending).toMatchObject({ outcome: 'UNDETERMINED', findings: [{ code: 'PARTNER_ID_UNKNOWN' }, { code: 'EVALUATED_ON_ARRIVAL' }] });
    const lodged = answerShipmentRecognition({ ...shipmentTo('DE', { departedOn: '2024-01-01', importDeclaredOn: '2024-01-21' }), rules: [r] });
    expect(lodged.findings[0].code).toBe('PARTNER_ID_NOT_DECLARED');
  });
});

describe('operatorRecognitionAnswers: one tri-state answer per partner recognition', () => {
  it('recognized, undetermined and not recognized side by side; consignment conditions are not judged', () => {
    const undated = rule({ id: 'US<-KR', agreementId: 'MRA-US-KR', recognizingAdministrationCode: 'US-CBP', effectiveFrom: null, effectiveBasis: 'UNKNOWN' });
    const tiered = rule({ id: 'CN<-KR', agreementId: 'MRA-KR-CN', recognizingAdministrationCode: 'CN-GACC', eligibleTiers: ['AAA'] });
    const shipperMatched = withCondition('SHIPPER_NAME_MATCHING');
    const answers = operatorRecognitionAnswers({ roles: ['EXPORTER'], certifications: [cert()], rules: [undated, tiered, shipperMatched], asOf: '2024-01-01' });
    const by = Object.fromEntries(answers.map((a) => [a.recognition.id, a.outcome]));
    expect(by).toEqual({ 'US<-KR': 'UNDETERMINED', 'CN<-KR': 'NOT_RECOGNIZED', [shipperMatched.id]: 'RECOGNIZED' });
  });
  it('certifications not disclosed: every answer UNDETERMINED', () => {
    const answers = operatorRecognitionAnswers({ roles: ['EXPORTER'], certifications: null, rules: [rule()], asOf: '2024-01-01' });
    expect(answers).toMatchObject([{ outcome: 'UNDETERMINED', findings: [{ code: 'CERTIFICATION_NOT_DISCLOSED' }] }]);
  });
  it('the best answer over several certifications of the programme wins', () => {
    const suspended = cert({ id: 'C-S', periods: [{ from: '2019-01-01', to: null, status: 'SUSPENDED', tier: 'AA', validUntil: null }] });
    const answers = operatorRecognitionAnswers({ roles: ['EXPORTER'], certifications: [suspended, cert()], rules: [rule()], asOf: '2024-01-01' });
    expect(answers.map((a) => a.outcome)).toEqual(['RECOGNIZED']);
  });
});

// ------------------------------------------------------------------ property: no confident answer without the facts

/**
 * Generates a ground that holds on known facts (RECOGNIZED) or fails on exactly one condition fact (NOT_RECOGNIZED),
 * then withholds one fact the decision needs: the answer must be UNDETERMINED.
 */
describe('property: withholding a needed fact never yields RECOGNIZED or NOT_RECOGNIZED', () => {
  const day = fc.integer({ min: 0, max: 5000 }).map((n) => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const scenario = fc.record({
    start: day,
    offset: fc.integer({ min: 0, max: 3000 }),
    tier: fc.constantFrom('A', 'AA', 'AAA'),
    restrictTiers: fc.boolean(),
    consent: fc.boolean(),
    partnerId: fc.boolean(),
    shipper: fc.boolean(),
    failing: fc.constantFrom('none', 'consent', 'partnerId', 'shipper'),
    withhold: fc.constantFrom('date', 'effectiveDate', 'tier', 'consent', 'partnerId', 'shipper', 'certifications', 'importer', 'identifiers', 'status'),
  });

  it('holds for generated scenarios', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const date = new Date(Date.parse(s.start) + s.offset * 86_400_000).toISOString().slice(0, 10);
        const failing =
          (s.failing === 'consent' && s.consent) || (s.failing === 'partnerId' && s.partnerId) || (s.failing === 'shipper' && s.shipper) ? s.failing : 'none';
        const conditions: AnswerRule['conditions'] = [];
        if (s.consent) conditions.push({ condition: 'CONSENT_TO_DATA_EXCHANGE', detail: 'consent' });
        if (s.partnerId) conditions.push({ condition: 'PARTNER_ID_DECLARATION', detail: 'declared id' });
        if (s.shipper) conditions.push({ condition: 'SHIPPER_NAME_MATCHING', detail: 'shipper' });
        const r = rule({
          effectiveFrom: s.start,
          agreementStatus: [{ status: 'IN_FORCE', from: s.start, to: null, basis: 'SOURCE' }],
          eligibleTiers: s.restrictTiers ? [s.tier] : [],
          conditions,
        });
        const c = cert({
          periods: [{ from: s.start, to: null, status: 'CERTIFIED', tier: s.tier, validUntil: null }],
          consents: [{ status: failing === 'consent' ? 'WITHDRAWN' : 'GIVEN', effectiveOn: s.start, partnerAdministrationCode: null }],
        });
        const full = input({
          date,
          rules: [r],
          certifications: [c],
          declaration: {
            declared: true,
            partnerAeoId: failing === 'partnerId' ? null : c.certificateNumber!,
            shipperIdentifier: failing === 'shipper' ? 'SOMEONE ELSE' : 'KRHANPRE55BUS',
          },
        });
        const complete = answerRecognition(full);
        expect(complete.outcome).toBe(failing === 'none' ? 'RECOGNIZED' : 'NOT_RECOGNIZED');

        // Withhold one fact the decision needs (skip facts this scenario does not need).
        let withheld: RecognitionAnswerInput | null = null;
        switch (s.withhold) {
          case 'date':
            withheld = { ...full, date: null };
            break;
          case 'effectiveDate':
            withheld = { ...full, rules: [{ ...r, effectiveFrom: null, effectiveBasis: 'UNKNOWN' }] };
            break;
          case 'status':
            withheld = { ...full, rules: [{ ...r, agreementStatus: r.agreementStatus.map((p) => ({ ...p, basis: 'UNKNOWN' })) }] };
            break;
          case 'tier':
            if (s.restrictTiers && failing === 'none')
              withheld = { ...full, certifications: [{ ...c, periods: c.periods.map((p) => ({ ...p, tier: null })) }] };
            break;
          case 'consent':
            if (s.consent) withheld = { ...full, certifications: [{ ...c, consents: null }] };
            break;
          case 'partnerId':
            if (s.partnerId) withheld = { ...full, declaration: { ...full.declaration!, declared: false } };
            break;
          case 'shipper':
            if (s.shipper) withheld = { ...full, declaration: { ...full.declaration!, shipperIdentifier: null } };
            break;
          case 'identifiers':
            if (s.shipper && failing !== 'partnerId' && failing !== 'consent') withheld = { ...full, consignorIdentifiers: null };
            break;
          case 'certifications':
            withheld = { ...full, certifications: null };
            break;
          case 'importer':
            withheld = { ...full, importingAdministrationCode: null };
            break;
        }
        if (withheld === null) return;
        // A fact is needed only if the complete answer rests on it: with another established failure the answer stays NOT_RECOGNIZED.
        const needed = failing === 'none' || s.withhold === failing || ['date', 'certifications', 'importer'].includes(s.withhold);
        if (!needed) return;
        const answer = answerRecognition(withheld);
        expect(answer.outcome).toBe('UNDETERMINED');
        expect(answer.findings.some((f) => FINDING_KINDS[f.code] === 'UNKNOWN')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
