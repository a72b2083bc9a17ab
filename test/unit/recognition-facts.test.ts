/**
 * The registry's reading of the @requires facts (src/subgraphs/registry/recognition.ts): what did not arrive is
 * named, never read as "no consignor", "no role" or "no certification"; and certifications as recorded at an instant.
 */
import { describe, expect, it } from 'vitest';
import { certificationsAsRecordedAt, consignorFacts, factsUnavailableMessage, operatorFacts, recordingTime } from '../../src/subgraphs/registry/recognition.js';
import type { CertificationRepresentation } from '../../src/subgraphs/registry/mappers.js';

const certification: CertificationRepresentation = {
  id: 'CERT-1',
  program: { code: 'KR-AEO' },
  periods: [{ from: '2019-05-02', to: null, status: 'CERTIFIED', tier: 'AAA', validUntil: null }],
  history: [
    { type: 'CERTIFIED', effectiveOn: '2019-05-02', recordedAt: '2019-05-02T09:00:00.000Z', statusAfter: 'CERTIFIED', tierAfter: 'AAA', validUntilAfter: null },
    { type: 'SUSPENDED', effectiveOn: '2024-05-10', recordedAt: '2026-11-30T10:00:00.000Z', statusAfter: 'SUSPENDED', tierAfter: 'AAA', validUntilAfter: null },
  ],
};

describe('consignorFacts and operatorFacts', () => {
  it('a consignor the gateway sent as null (the operators subgraph failed): missing, from the operators subgraph', () => {
    expect(consignorFacts(null)).toEqual({ missing: 'operator record (roles and certifications)', subgraph: 'operators' });
    expect(consignorFacts(undefined).missing).not.toBeNull();
  });

  it('roles absent (a router dropped the nested fields): missing; never "no role"', () => {
    expect(operatorFacts({ id: 'OP-1', certifications: [certification] })).toMatchObject({ missing: 'roles and certifications', subgraph: 'operators' });
  });

  it('certifications withheld by need-to-know (null, roles present): not missing, judged as not disclosed', () => {
    expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: null })).toEqual({ missing: null, roles: ['EXPORTER'], certifications: null });
  });

  it('a certification without its periods: missing', () => {
    const partial = { id: 'CERT-1', program: { code: 'KR-AEO' } } as unknown as CertificationRepresentation;
    expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [partial] }).missing).toBe('certification periods');
  });

  it('asRecordedAt needs the history: without it, missing; with it, the periods known at the instant', () => {
    const withoutHistory = { ...certification, history: undefined };
    expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [withoutHistory] }, '2025-01-01T00:00:00.000Z').missing).toBe(
      'certification histories (recording times)',
    );
    const before = operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [certification] }, '2025-01-01T00:00:00.000Z');
    expect(before.missing).toBeNull();
    if (before.missing === null) expect(before.certifications![0].periods.map((p) => p.status)).toEqual(['CERTIFIED']);
    const after = operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [certification] }, '2026-11-30T10:00:00.000Z');
    if (after.missing === null) expect(after.certifications![0].periods.map((p) => p.status)).toEqual(['CERTIFIED', 'SUSPENDED']);
  });

  it('a certification with no event recorded by the instant did not exist yet', () => {
    expect(certificationsAsRecordedAt([certification], '2019-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('the FACTS_UNAVAILABLE wording names the facts, the subgraph and the date, and says it is not a finding', () => {
    const message = factsUnavailableMessage("The consignor's", { missing: 'roles and certifications', subgraph: 'operators' }, '2024-06-28');
    expect(message).toMatch(/^The consignor's roles and certifications did not reach the registry from the operators subgraph/);
    expect(message).toMatch(/on 2024-06-28 cannot be established/);
  });
});

describe('recordingTime', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');
  it('absent: now; past or now: as given; future: BAD_USER_INPUT', () => {
    expect(recordingTime(undefined, now)).toBeUndefined();
    expect(recordingTime(null, now)).toBeUndefined();
    expect(recordingTime('2026-11-30T10:00:00.000Z', now)).toBe('2026-11-30T10:00:00.000Z');
    expect(() => recordingTime('2026-11-30T10:00:00.001Z', now)).toThrow(/in the future/);
    let error: unknown;
    try {
      recordingTime('2027-01-01T00:00:00.000Z', now);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'asRecordedAt' } });
  });
});
