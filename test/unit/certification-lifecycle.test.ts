/** The certification lifecycle (src/domain/certification-lifecycle.ts), shared by the mutations and the register import. */
import { describe, it, expect } from 'vitest';
import {
  CERTIFICATE_NUMBER,
  CERTIFICATION_STATUSES,
  CERTIFICATION_TRANSITIONS,
  checkEffectiveOn,
  mayUndergo,
  planChange,
  statusAfter,
  transitionRefusal,
  type CertificationChange,
  type CertificationStatus,
  type CurrentCertification,
} from '../../src/domain/certification-lifecycle.js';
import { Problems } from '../../src/domain/mutation-results.js';

const allowed: Record<CertificationChange, CertificationStatus[]> = {
  SUSPENDED: ['CERTIFIED'],
  REINSTATED: ['SUSPENDED'],
  REVOKED: ['CERTIFIED', 'SUSPENDED'],
  TIER_CHANGED: ['CERTIFIED', 'SUSPENDED'],
  RENEWED: ['CERTIFIED'],
};
const after: Record<CertificationChange, (from: CertificationStatus) => CertificationStatus> = {
  SUSPENDED: () => 'SUSPENDED',
  REINSTATED: () => 'CERTIFIED',
  REVOKED: () => 'REVOKED',
  TIER_CHANGED: (from) => from,
  RENEWED: (from) => from,
};
const changes = Object.keys(allowed) as CertificationChange[];

const current = (overrides: Partial<CurrentCertification> = {}): CurrentCertification => ({
  id: 'CERT-1',
  programCode: 'KR-AEO',
  status: 'CERTIFIED',
  tierCode: 'A',
  validUntil: '2027-01-01',
  certifiedOn: '2020-01-01',
  version: 3,
  ...overrides,
});
const TIERS = ['A', 'AA', 'AAA'];
const LATEST_ALLOWED = '2024-06-02';
const inputFor = (change: CertificationChange) => ({
  effectiveOn: '2024-06-01',
  reason: 'Audit',
  tier: change === 'TIER_CHANGED' ? 'AA' : undefined,
  validUntil: change === 'RENEWED' ? '2030-01-01' : undefined,
});

describe('certification transitions', () => {
  it('is the table of the lifecycle', () => {
    expect(CERTIFICATION_TRANSITIONS).toEqual(allowed);
  });

  for (const change of changes) {
    for (const status of CERTIFICATION_STATUSES) {
      const ok = allowed[change].includes(status);
      it(`${ok ? 'allows' : 'refuses'} ${change} of a ${status} certification`, () => {
        expect(mayUndergo(status, change)).toBe(ok);
        const plan = planChange(change, current({ status }), TIERS, null, inputFor(change), LATEST_ALLOWED);
        if (ok) {
          expect(plan).toMatchObject({ ok: true, next: { status: after[change](status) } });
          expect(statusAfter(change, status)).toBe(after[change](status));
        } else {
          expect(plan).toEqual({
            ok: false,
            error: { __typename: 'ConflictError', code: 'INVALID_TRANSITION', currentVersion: 3, message: transitionRefusal('CERT-1', status, change) },
          });
        }
      });
    }
  }

  it('explains a refusal with the statuses the change starts from', () => {
    expect(transitionRefusal('CERT-1', 'REVOKED', 'REINSTATED')).toBe('Certification "CERT-1" is REVOKED; only a SUSPENDED certification can be reinstated.');
    expect(transitionRefusal('CERT-1', 'WITHDRAWN', 'REVOKED')).toBe(
      'Certification "CERT-1" is WITHDRAWN; only a CERTIFIED or SUSPENDED certification can be revoked.',
    );
  });

  it('refuses every change from a status it does not know', () => {
    for (const change of changes) expect(mayUndergo('EXPIRED', change)).toBe(false);
  });
});

describe('the state after a change', () => {
  it('TIER_CHANGED moves to a known tier, other than the current one', () => {
    expect(planChange('TIER_CHANGED', current(), TIERS, null, { ...inputFor('TIER_CHANGED'), tier: 'AAA' }, LATEST_ALLOWED)).toEqual({
      ok: true,
      next: { status: 'CERTIFIED', tierCode: 'AAA', validUntil: '2027-01-01' },
    });
    const unknown = planChange('TIER_CHANGED', current(), TIERS, null, { ...inputFor('TIER_CHANGED'), tier: 'B' }, LATEST_ALLOWED);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', problems: [{ field: 'tier' }] } });
    const same = planChange('TIER_CHANGED', current(), TIERS, null, { ...inputFor('TIER_CHANGED'), tier: 'A' }, LATEST_ALLOWED);
    expect(same).toMatchObject({ ok: false, error: { problems: [{ field: 'tier', message: "A is already the certification's tier." }] } });
  });

  it('RENEWED sets the new validity end (after effectiveOn) and optionally the tier', () => {
    expect(planChange('RENEWED', current(), TIERS, null, { ...inputFor('RENEWED'), tier: 'AA' }, LATEST_ALLOWED)).toEqual({
      ok: true,
      next: { status: 'CERTIFIED', tierCode: 'AA', validUntil: '2030-01-01' },
    });
    expect(planChange('RENEWED', current(), TIERS, null, { effectiveOn: '2024-06-01', reason: 'Renewal' }, LATEST_ALLOWED)).toEqual({
      ok: true,
      next: { status: 'CERTIFIED', tierCode: 'A', validUntil: null },
    });
    const early = planChange('RENEWED', current(), TIERS, null, { ...inputFor('RENEWED'), validUntil: '2024-06-01' }, LATEST_ALLOWED);
    expect(early).toMatchObject({ ok: false, error: { problems: [{ field: 'validUntil' }] } });
  });

  it('checks the input before the transition: a blank reason is a validation error even when the change is refused', () => {
    const plan = planChange('REINSTATED', current(), TIERS, null, { effectiveOn: '2024-06-01', reason: ' ' }, LATEST_ALLOWED);
    expect(plan).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', problems: [{ field: 'reason' }] } });
  });
});

describe('effective dates of changes', () => {
  const problemsOf = (effectiveOn: string, latest: { type: string; effectiveOn: string } | null, certifiedOn?: string) => {
    const problems = new Problems();
    checkEffectiveOn(problems, 'effectiveOn', effectiveOn, latest, LATEST_ALLOWED, certifiedOn);
    return problems.list.map((p) => p.message);
  };

  it('must be a calendar date', () => {
    expect(problemsOf('2024-02-30', null)).toEqual(['must be a calendar date YYYY-MM-DD, got "2024-02-30".']);
  });

  it('may be the latest allowed date, not the day after', () => {
    expect(problemsOf(LATEST_ALLOWED, null)).toEqual([]);
    expect(problemsOf('2024-06-03', null)).toEqual(['2024-06-03 is in the future: changes are recorded when they take effect or later.']);
  });

  it('may be the date of the latest recorded change, not the day before', () => {
    const latest = { type: 'SUSPENDED', effectiveOn: '2024-05-01' };
    expect(problemsOf('2024-05-01', latest)).toEqual([]);
    expect(problemsOf('2024-04-30', latest)).toEqual([
      '2024-04-30 is before the latest recorded change (SUSPENDED effective 2024-05-01): changes are recorded in order.',
    ]);
  });

  it('may be the certification date, not the day before', () => {
    expect(problemsOf('2020-01-01', null, '2020-01-01')).toEqual([]);
    expect(problemsOf('2019-12-31', null, '2020-01-01')).toEqual(['2019-12-31 is before the certification date 2020-01-01.']);
  });
});

describe('certificate numbers', () => {
  it('are 1 to 64 letters, digits, spaces, ".", "/", "_" or "-", starting with a letter or digit', () => {
    for (const n of ['KR-2020-0001', 'A', 'AEO/12 34_5.6', 'x'.repeat(64)]) expect(CERTIFICATE_NUMBER.test(n), n).toBe(true);
    for (const n of ['', '-12', ' 12', 'x'.repeat(65), 'A#1']) expect(CERTIFICATE_NUMBER.test(n), n).toBe(false);
  });
});
