/**
 * The registry's reading of the @requires facts (src/subgraphs/registry/recognition.ts): what did not arrive is
 * named, never read as "no consignor", "no role" or "no certification"; and certifications as recorded at an instant.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { consignorFacts, factsUnavailableMessage, knownCertifications, operatorFacts, recordingTime } from '../../src/subgraphs/registry/recognition.js';
import type { CertificationRepresentation } from '../../src/subgraphs/registry/mappers.js';

const certification: CertificationRepresentation = {
  id: 'CERT-1',
  certificateNumber: 'KR-AEO-0001',
  program: { code: 'KR-AEO' },
  history: [
    { effectiveOn: '2019-05-02', recordedAt: '2019-05-02T09:00:00.000Z', statusAfter: 'CERTIFIED', tierAfter: 'AAA', validUntilAfter: null },
    { effectiveOn: '2024-05-10', recordedAt: '2026-11-30T10:00:00.000Z', statusAfter: 'SUSPENDED', tierAfter: 'AAA', validUntilAfter: null },
  ],
};
const withHistory = (history: unknown) => ({ ...certification, history }) as unknown as CertificationRepresentation;

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

  it('the periods are derived from the history (as the operators subgraph derives Certification.periods), with the number and programme', () => {
    const known = operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [certification] });
    expect(known).toEqual({
      missing: null,
      roles: ['EXPORTER'],
      certifications: [
        {
          id: 'CERT-1',
          certificateNumber: 'KR-AEO-0001',
          program: { code: 'KR-AEO' },
          periods: [
            { from: '2019-05-02', to: '2024-05-10', status: 'CERTIFIED', tier: 'AAA', validUntil: null },
            { from: '2024-05-10', to: null, status: 'SUSPENDED', tier: 'AAA', validUntil: null },
          ],
        },
      ],
    });
  });

  it('a certification without its history: missing, with or without asRecordedAt; periods sent instead are not read', () => {
    const periodsOnly = { ...withHistory(undefined), periods: [{ from: '2019-05-02', to: null, status: 'CERTIFIED', tier: 'AAA', validUntil: null }] };
    for (const partial of [withHistory(undefined), withHistory(null), periodsOnly]) {
      for (const instant of [undefined, '2025-01-01T00:00:00.000Z']) {
        expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [certification, partial] }, instant).missing).toBe('certification histories');
      }
    }
    const noProgram = { id: 'CERT-1', history: certification.history } as unknown as CertificationRepresentation;
    expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [noProgram] }).missing).toBe('certification histories');
  });

  it('an event without one of its facts (a router dropped a field, a status outside the enum): missing, never a guess', () => {
    const [first] = certification.history!;
    const without = (field: string) => Object.fromEntries(Object.entries(first).filter(([k]) => k !== field));
    for (const event of [
      without('effectiveOn'),
      without('recordedAt'),
      without('statusAfter'),
      without('tierAfter'),
      without('validUntilAfter'),
      { ...first, statusAfter: 'EXPIRED' },
      null,
    ]) {
      expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [withHistory([event])] }).missing, JSON.stringify(event)).toBe(
        'certification histories',
      );
    }
    // A null tier or validity end is a fact (none recorded), not a missing one.
    expect(operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [withHistory([{ ...first, tierAfter: null }])] }).missing).toBeNull();
  });

  it('certifications that are not a list: missing', () => {
    const operator = { id: 'OP-1', roles: ['EXPORTER'], certifications: {} } as unknown as Parameters<typeof operatorFacts>[0];
    expect(operatorFacts(operator).missing).toBe('certification histories');
  });

  it('asRecordedAt: the periods known at the instant', () => {
    const before = operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [certification] }, '2025-01-01T00:00:00.000Z');
    expect(before.missing).toBeNull();
    if (before.missing === null) expect(before.certifications![0].periods.map((p) => p.status)).toEqual(['CERTIFIED']);
    const after = operatorFacts({ id: 'OP-1', roles: ['EXPORTER'], certifications: [certification] }, '2026-11-30T10:00:00.000Z');
    expect(after.missing).toBeNull();
    if (after.missing === null) expect(after.certifications![0].periods.map((p) => p.status)).toEqual(['CERTIFIED', 'SUSPENDED']);
  });

  it('a certification with no event recorded by the instant did not exist yet; with no instant it is kept (no periods)', () => {
    expect(knownCertifications([certification], '2019-01-01T00:00:00.000Z')).toEqual([]);
    expect(knownCertifications([withHistory([])])).toEqual([{ id: 'CERT-1', certificateNumber: 'KR-AEO-0001', program: { code: 'KR-AEO' }, periods: [] }]);
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

describe('the @requires of the recognition fields (schema/registry/registry.graphql)', () => {
  it("ask for the certifications' history, which the registry reads, and neither the periods derived from it nor the event type", () => {
    const sdl = readFileSync(new URL('../../schema/registry/registry.graphql', import.meta.url), 'utf8');
    const requires = [...sdl.matchAll(/@requires\(\s*fields:\s*"([^"]*)"\s*\)/g)].map((m) => m[1]);
    expect(requires).toHaveLength(3);
    for (const fields of requires) {
      expect(fields).toMatch(/certifications \{ id .*\bhistory \{ effectiveOn recordedAt statusAfter tierAfter validUntilAfter \} \}/);
      expect(fields).not.toMatch(/\bperiods\b/);
      expect(fields).not.toMatch(/\btype\b/);
    }
  });
});
