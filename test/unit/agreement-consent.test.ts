/** The retroactive window and recording time of agreement acts (src/domain/agreement-lifecycle.ts). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETROACTIVE_WINDOW_DAYS, earliestRetroactiveDate, isRetroactive, retroactiveRefusal } from '../../src/domain/agreement-lifecycle.js';

describe('retroactive window', () => {
  it('defaults to 30 days', () => {
    expect(DEFAULT_RETROACTIVE_WINDOW_DAYS).toBe(30);
  });

  it('the earliest date counts calendar days back, across months, years and leap days', () => {
    expect(earliestRetroactiveDate('2026-11-30', 30)).toBe('2026-10-31');
    expect(earliestRetroactiveDate('2026-01-15', 30)).toBe('2025-12-16');
    expect(earliestRetroactiveDate('2024-03-01', 1)).toBe('2024-02-29');
    expect(earliestRetroactiveDate('2026-11-30', 0)).toBe('2026-11-30');
  });

  it('refuses a date before the earliest, naming the window; accepts the earliest day itself and later', () => {
    expect(retroactiveRefusal('2026-10-31', '2026-11-30', 30)).toBeNull();
    expect(retroactiveRefusal('2026-11-30', '2026-11-30', 30)).toBeNull();
    expect(retroactiveRefusal('2026-10-30', '2026-11-30', 30)).toBe(
      '2026-10-30 is more than 30 days before today (2026-11-30): acts changing recognition may be dated back to 2026-10-31 at the earliest.',
    );
    expect(retroactiveRefusal('2026-11-29', '2026-11-30', 0)).toMatch(/more than 0 days/);
  });
});

describe('retroactive', () => {
  it('is true when something takes effect before the day it was recorded, false on that day, later, or without a recording time', () => {
    expect(isRetroactive('2026-11-20', '2026-11-30T10:00:00.000Z')).toBe(true);
    expect(isRetroactive('2026-11-30', '2026-11-30T23:59:59.000Z')).toBe(false);
    expect(isRetroactive('2026-12-01', '2026-11-30T10:00:00.000Z')).toBe(false);
    expect(isRetroactive('2010-06-25', null)).toBe(false); // curated data: no recording time
    expect(isRetroactive(null, '2026-11-30T10:00:00.000Z')).toBe(false); // undated
  });
});
