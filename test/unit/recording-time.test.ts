/** Recording time: what the registry knew at an instant (src/domain/recording-time.ts), and the DateTime scalar. */
import { describe, expect, it } from 'vitest';
import { GraphQLError, Kind } from 'graphql';
import { agreementAsRecordedAt, knownAt, recordedBy, type AgreementChangeRecord } from '../../src/domain/recording-time.js';
import { periodsFromEvents, type CertificationEventInput } from '../../src/domain/recognition.js';
import { DateTimeScalar } from '../../src/platform/scalars.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-02-01T00:00:00.000Z';
const T2 = '2026-03-01T00:00:00.000Z';
const between = (a: string, b: string) => new Date((Date.parse(a) + Date.parse(b)) / 2).toISOString();

describe('knownAt and recordedBy', () => {
  it('curated facts (recordedAt null) are known from the start; others from the instant they were recorded, inclusive', () => {
    expect(knownAt(null, '1990-01-01T00:00:00Z')).toBe(true);
    expect(knownAt(T1, T1)).toBe(true);
    expect(knownAt(T1, '2026-01-31T23:59:59.999Z')).toBe(false);
    // Offsets are compared as instants, not as text.
    expect(knownAt('2026-02-01T08:00:00+09:00', '2026-01-31T23:30:00Z')).toBe(true);
  });

  it('a backdated suspension recorded later does not change the periods known before it was recorded', () => {
    const events: CertificationEventInput[] = [
      { type: 'CERTIFIED', effectiveOn: '2020-01-01', recordedAt: T0, statusAfter: 'CERTIFIED', tierAfter: 'AAA', validUntilAfter: null },
      { type: 'SUSPENDED', effectiveOn: '2024-01-01', recordedAt: T2, statusAfter: 'SUSPENDED', tierAfter: 'AAA', validUntilAfter: null },
    ];
    expect(periodsFromEvents(recordedBy(events, between(T1, T2)))).toEqual([
      { from: '2020-01-01', to: null, status: 'CERTIFIED', tier: 'AAA', validUntil: null },
    ]);
    expect(periodsFromEvents(recordedBy(events, T2)).map((p) => p.status)).toEqual(['CERTIFIED', 'SUSPENDED']);
  });
});

describe('agreementAsRecordedAt', () => {
  const curated = { id: 1, status: 'IN_FORCE', from: '2010-06-28', to: '2025-01-01', recordedAt: null };
  const suspended = { id: 2, status: 'SUSPENDED', from: '2025-01-01', to: '2025-06-01', recordedAt: T1 };
  const resumed = { id: 3, status: 'IN_FORCE', from: '2025-06-01', to: null, recordedAt: T2 };
  const direction = { id: 'MRA-X:A<-B', effectiveFrom: '2010-06-28', effectiveTo: null as string | null, effectiveBasis: 'SOURCE' };
  const changes: AgreementChangeRecord[] = [
    { statusPeriodId: 2, recordedAt: T1, closedPeriodId: 1, closedPeriodToBefore: null, directions: [] },
    { statusPeriodId: 3, recordedAt: T2, closedPeriodId: 2, closedPeriodToBefore: null, directions: [] },
  ];

  it('undoes, newest first, the changes recorded after the instant', () => {
    const now = agreementAsRecordedAt({ periods: [curated, suspended, resumed], directions: [direction] }, changes, T2);
    expect(now.periods.map((p) => [p.status, p.from, p.to])).toEqual([
      ['IN_FORCE', '2010-06-28', '2025-01-01'],
      ['SUSPENDED', '2025-01-01', '2025-06-01'],
      ['IN_FORCE', '2025-06-01', null],
    ]);
    const beforeResumption = agreementAsRecordedAt({ periods: [curated, suspended, resumed], directions: [direction] }, changes, between(T1, T2));
    expect(beforeResumption.periods.map((p) => [p.status, p.from, p.to])).toEqual([
      ['IN_FORCE', '2010-06-28', '2025-01-01'],
      ['SUSPENDED', '2025-01-01', null],
    ]);
    const beforeSuspension = agreementAsRecordedAt({ periods: [curated, suspended, resumed], directions: [direction] }, changes, T0);
    expect(beforeSuspension.known).toBe(true);
    expect(beforeSuspension.periods.map((p) => [p.status, p.from, p.to])).toEqual([['IN_FORCE', '2010-06-28', null]]);
  });

  it("restores the end a change overwrote and the directions' dates a termination set", () => {
    const ended = { ...curated, to: '2025-01-01' };
    const terminated = { id: 2, status: 'TERMINATED', from: '2025-01-01', to: null, recordedAt: T1 };
    const closedDirection = { ...direction, effectiveTo: '2025-01-01' };
    const termination: AgreementChangeRecord = {
      statusPeriodId: 2,
      recordedAt: T1,
      closedPeriodId: 1,
      closedPeriodToBefore: '2030-01-01',
      directions: [{ recognitionId: direction.id, effectiveFromBefore: '2010-06-28', effectiveToBefore: null, effectiveBasisBefore: 'SOURCE' }],
    };
    const before = agreementAsRecordedAt({ periods: [ended, terminated], directions: [closedDirection] }, [termination], T0);
    expect(before.periods).toEqual([{ ...curated, to: '2030-01-01' }]);
    expect(before.directions).toEqual([direction]);
    const after = agreementAsRecordedAt({ periods: [ended, terminated], directions: [closedDirection] }, [termination], T1);
    expect(after.directions).toEqual([closedDirection]);
    // The stored rows are not changed.
    expect(ended.to).toBe('2025-01-01');
    expect(closedDirection.effectiveTo).toBe('2025-01-01');
  });

  it('an agreement recorded after the instant was not known; periods recorded later without a change record are dropped', () => {
    const signed = { id: 7, status: 'SIGNED', from: '2026-01-10', to: '2026-02-01', recordedAt: T1 };
    const inForce = { id: 8, status: 'IN_FORCE', from: '2026-02-01', to: null, recordedAt: T1 };
    expect(agreementAsRecordedAt({ periods: [signed, inForce], directions: [] }, [], T0).known).toBe(false);
    expect(agreementAsRecordedAt({ periods: [signed, inForce], directions: [] }, [], T1).periods).toHaveLength(2);
    // A change recorded before changes were kept: dropped, and the period it followed is open-ended again.
    const legacy = agreementAsRecordedAt({ periods: [{ ...curated }, { ...suspended, to: null }], directions: [] }, [], T0);
    expect(legacy.periods).toEqual([{ ...curated, to: null }]);
    // An agreement with no status at all (curated, entry into force undocumented) is known.
    expect(agreementAsRecordedAt({ periods: [], directions: [] }, [], T0).known).toBe(true);
  });
});

describe('DateTime scalar', () => {
  it('accepts ISO 8601 instants with an offset and answers them in UTC', () => {
    expect(DateTimeScalar.parseValue('2024-06-01T12:00:00Z')).toBe('2024-06-01T12:00:00.000Z');
    expect(DateTimeScalar.parseValue('2024-06-01T21:00:00+09:00')).toBe('2024-06-01T12:00:00.000Z');
    expect(DateTimeScalar.parseValue('2024-06-01T12:00Z')).toBe('2024-06-01T12:00:00.000Z');
    expect(DateTimeScalar.parseValue('2024-06-01T12:00:00.123456-03:30')).toBe('2024-06-01T15:30:00.123Z');
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2024-02-29T00:00:00Z' })).toBe('2024-02-29T00:00:00.000Z');
    expect(DateTimeScalar.serialize('2024-06-01T21:00:00+09:00')).toBe('2024-06-01T12:00:00.000Z');
  });

  it.each([
    '2024-06-01',
    '2024-06-01T12:00:00',
    '2024-06-01 12:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-06-01T24:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-06-01T12:00:00+0900',
    'yesterday',
    '',
    1717243200000,
    null,
  ])('refuses %j with BAD_USER_INPUT', (value) => {
    let error: unknown;
    try {
      DateTimeScalar.parseValue(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).message).toMatch(/ISO 8601 instant/);
  });

  it('refuses a literal that is not a string', () => {
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1717243200' })).toThrow(/string literal/);
  });
});
