/** Calendar dates of the domain (src/domain/dates.ts): strict ISO dates, UTC today, half-open periods. */
import { describe, it, expect } from 'vitest';
import { inHalfOpen, isIsoDate, latestEffectiveDate, periodContaining, todayUtc } from '../../src/domain/dates.js';

describe('isIsoDate', () => {
  it('accepts real calendar dates, including leap days', () => {
    for (const d of ['2024-01-01', '2024-12-31', '2024-02-29', '2000-02-29', '1999-04-30']) {
      expect(isIsoDate(d), d).toBe(true);
    }
  });

  it('rejects impossible calendar dates', () => {
    for (const d of ['2023-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32']) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });

  it('rejects anything that is not strictly YYYY-MM-DD', () => {
    for (const d of ['2024-1-01', '2024-01-1', '24-01-01', '2024/01/01', '2024-01-01T00:00:00Z', ' 2024-01-01', '2024-01-01 ', '', '20240101', '+2024-01-01']) {
      expect(isIsoDate(d), JSON.stringify(d)).toBe(false);
    }
  });
});

describe('todayUtc and latestEffectiveDate', () => {
  it('take the calendar date in UTC, whatever the local time zone', () => {
    expect(todayUtc(new Date('2024-03-01T23:30:00-05:00'))).toBe('2024-03-02');
    expect(todayUtc(new Date('2024-03-02T00:30:00+09:00'))).toBe('2024-03-01');
  });

  it('allow a change effective one day after today (UTC), for administrations east of UTC', () => {
    expect(latestEffectiveDate(new Date('2024-02-28T12:00:00Z'))).toBe('2024-02-29');
    expect(latestEffectiveDate(new Date('2024-12-31T23:59:59Z'))).toBe('2025-01-01');
  });
});

describe('half-open periods', () => {
  it('include the start and exclude the end; a null or absent end is open', () => {
    expect(inHalfOpen('2023-12-31', '2024-01-01', '2024-06-01')).toBe(false);
    expect(inHalfOpen('2024-01-01', '2024-01-01', '2024-06-01')).toBe(true);
    expect(inHalfOpen('2024-05-31', '2024-01-01', '2024-06-01')).toBe(true);
    expect(inHalfOpen('2024-06-01', '2024-01-01', '2024-06-01')).toBe(false);
    expect(inHalfOpen('2999-01-01', '2024-01-01', null)).toBe(true);
    expect(inHalfOpen('2999-01-01', '2024-01-01', undefined)).toBe(true);
  });

  it('find the period containing a date, or none', () => {
    const periods = [
      { name: 'first', from: '2024-01-01', to: '2024-06-01' },
      { name: 'second', from: '2024-06-01', to: null },
    ];
    expect(periodContaining(periods, '2023-12-31')).toBeNull();
    expect(periodContaining(periods, '2024-05-31')?.name).toBe('first');
    expect(periodContaining(periods, '2024-06-01')?.name).toBe('second');
    expect(periodContaining([], '2024-06-01')).toBeNull();
  });
});
