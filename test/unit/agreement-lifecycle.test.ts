/** The agreement lifecycle (src/domain/agreement-lifecycle.ts): transitions, status on a date, recognition windows. */
import { describe, it, expect } from 'vitest';
import {
  AGREEMENT_STATUSES,
  AGREEMENT_TRANSITIONS,
  agreementInForceOn,
  agreementStatusOn,
  agreementTransitionRefusal,
  entryIntoForce,
  initialStatusPeriods,
  recognitionWindowAfter,
  statusChangeDateRefusal,
  type AgreementStatus,
  type AgreementStatusPeriod,
} from '../../src/domain/agreement-lifecycle.js';

const allowed: Record<AgreementStatus | 'NONE', AgreementStatus[]> = {
  NONE: ['SIGNED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED'],
  SIGNED: ['IN_FORCE', 'TERMINATED'],
  IN_FORCE: ['SUSPENDED', 'TERMINATED'],
  SUSPENDED: ['IN_FORCE', 'TERMINATED'],
  TERMINATED: [],
};

describe('agreement transitions', () => {
  it('is the table of the lifecycle', () => {
    expect(AGREEMENT_TRANSITIONS).toEqual(allowed);
  });

  for (const from of ['NONE', ...AGREEMENT_STATUSES] as const) {
    for (const to of AGREEMENT_STATUSES) {
      const ok = allowed[from].includes(to);
      it(`${ok ? 'allows' : 'refuses'} ${from} -> ${to}`, () => {
        const refusal = agreementTransitionRefusal('MRA-X-Y', from === 'NONE' ? null : from, to);
        if (ok) expect(refusal).toBeNull();
        else {
          expect(refusal).toContain(`Agreement MRA-X-Y is ${from}`);
          expect(refusal).toContain(`not ${to}`);
        }
      });
    }
  }

  it('says that TERMINATED is final, and which statuses are possible otherwise', () => {
    expect(agreementTransitionRefusal('MRA-X-Y', 'TERMINATED', 'IN_FORCE')).toBe('Agreement MRA-X-Y is TERMINATED; that is final, not IN_FORCE.');
    expect(agreementTransitionRefusal('MRA-X-Y', 'SIGNED', 'SUSPENDED')).toBe(
      'Agreement MRA-X-Y is SIGNED; it can only become IN_FORCE or TERMINATED, not SUSPENDED.',
    );
  });

  it('allows no change from a status it does not know', () => {
    expect(agreementTransitionRefusal('MRA-X-Y', 'PROVISIONAL', 'IN_FORCE')).toBe('Agreement MRA-X-Y is PROVISIONAL; that is final, not IN_FORCE.');
  });

  it('records changes in order: each after the start of the current status', () => {
    expect(statusChangeDateRefusal(null, '2020-01-01')).toBeNull();
    expect(statusChangeDateRefusal({ status: 'SIGNED', from: '2024-01-01' }, '2024-01-02')).toBeNull();
    expect(statusChangeDateRefusal({ status: 'SIGNED', from: '2024-01-01' }, '2024-01-01')).toContain(
      'must be after the start of the current status (SIGNED from 2024-01-01)',
    );
    expect(statusChangeDateRefusal({ status: 'SIGNED', from: '2024-01-01' }, '2023-12-31')).not.toBeNull();
  });
});

describe('agreement status on a date', () => {
  const history: AgreementStatusPeriod[] = [
    { status: 'SIGNED', from: '2023-06-01', to: '2024-01-01' },
    { status: 'IN_FORCE', from: '2024-01-01', to: '2024-06-01' },
    { status: 'SUSPENDED', from: '2024-06-01', to: '2024-09-01' },
    { status: 'IN_FORCE', from: '2024-09-01', to: '2025-01-01' },
    { status: 'TERMINATED', from: '2025-01-01', to: null },
  ];
  const on = (date: string) => agreementStatusOn(history, date)?.status ?? null;

  it('has no status before signature', () => {
    expect(on('2023-05-31')).toBeNull();
    expect(agreementInForceOn(history, '2023-05-31')).toBe(false);
  });

  it('changes on each period boundary: the start date belongs to the new period, the day before to the old one', () => {
    const boundaries: [string, string, AgreementStatus, AgreementStatus | null][] = [
      ['2023-05-31', '2023-06-01', 'SIGNED', null],
      ['2023-12-31', '2024-01-01', 'IN_FORCE', 'SIGNED'],
      ['2024-05-31', '2024-06-01', 'SUSPENDED', 'IN_FORCE'],
      ['2024-08-31', '2024-09-01', 'IN_FORCE', 'SUSPENDED'],
      ['2024-12-31', '2025-01-01', 'TERMINATED', 'IN_FORCE'],
    ];
    for (const [before, start, status, previous] of boundaries) {
      expect(on(before), before).toBe(previous);
      expect(on(start), start).toBe(status);
      expect(agreementInForceOn(history, before), before).toBe(previous === 'IN_FORCE');
      expect(agreementInForceOn(history, start), start).toBe(status === 'IN_FORCE');
    }
  });

  it('stays in the open-ended last status', () => {
    expect(on('2099-12-31')).toBe('TERMINATED');
  });

  it('is not in force with no status periods at all', () => {
    expect(agreementStatusOn([], '2024-01-01')).toBeNull();
    expect(agreementInForceOn([], '2024-01-01')).toBe(false);
  });

  it('reads histories whose open end is absent (as the explorer receives them)', () => {
    expect(agreementStatusOn([{ status: 'IN_FORCE', from: '2010-06-28' }], '2030-01-01')?.status).toBe('IN_FORCE');
  });

  it('knows the entry into force: the first IN_FORCE period', () => {
    expect(entryIntoForce(history)?.from).toBe('2024-01-01');
    expect(entryIntoForce([{ status: 'SIGNED', from: '2023-06-01', to: null }])).toBeNull();
  });
});

describe('recording an agreement', () => {
  it('is SIGNED until it enters into force', () => {
    expect(initialStatusPeriods('2023-06-01', '2024-01-01')).toEqual([
      { status: 'SIGNED', from: '2023-06-01', to: '2024-01-01' },
      { status: 'IN_FORCE', from: '2024-01-01', to: null },
    ]);
  });

  it('is IN_FORCE at once when it enters into force on signature, and SIGNED (open) when not yet in force', () => {
    expect(initialStatusPeriods('2023-06-01', '2023-06-01')).toEqual([{ status: 'IN_FORCE', from: '2023-06-01', to: null }]);
    expect(initialStatusPeriods('2023-06-01', null)).toEqual([{ status: 'SIGNED', from: '2023-06-01', to: null }]);
  });
});

describe('recognition windows after a status change', () => {
  it('entry into force opens an undated recognition, and leaves a dated one alone', () => {
    expect(recognitionWindowAfter('IN_FORCE', '2024-01-01', { effectiveFrom: null, effectiveTo: null })).toEqual({
      effectiveFrom: '2024-01-01',
      effectiveTo: null,
    });
    expect(recognitionWindowAfter('IN_FORCE', '2024-01-01', { effectiveFrom: '2023-01-01', effectiveTo: null })).toEqual({
      effectiveFrom: '2023-01-01',
      effectiveTo: null,
    });
  });

  it('termination closes an open recognition or one ending later, not one that already ended', () => {
    expect(recognitionWindowAfter('TERMINATED', '2025-01-01', { effectiveFrom: '2024-01-01', effectiveTo: null }).effectiveTo).toBe('2025-01-01');
    expect(recognitionWindowAfter('TERMINATED', '2025-01-01', { effectiveFrom: '2024-01-01', effectiveTo: '2026-01-01' }).effectiveTo).toBe('2025-01-01');
    expect(recognitionWindowAfter('TERMINATED', '2025-01-01', { effectiveFrom: '2024-01-01', effectiveTo: '2024-06-01' }).effectiveTo).toBe('2024-06-01');
  });

  it('suspension changes no window; explicit dates always win', () => {
    const window = { effectiveFrom: '2024-01-01', effectiveTo: null };
    expect(recognitionWindowAfter('SUSPENDED', '2024-06-01', window)).toEqual(window);
    expect(recognitionWindowAfter('TERMINATED', '2025-01-01', window, { effectiveFrom: '2023-07-01', effectiveTo: '2024-12-01' })).toEqual({
      effectiveFrom: '2023-07-01',
      effectiveTo: '2024-12-01',
    });
  });
});
