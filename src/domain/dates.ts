/**
 * Calendar dates of the domain (signed, in force, certified, departed): ISO 8601 'YYYY-MM-DD' strings
 * with no time zone. Such strings order like the dates they name, so they are compared as strings.
 * Validity intervals are half-open [from, to); `to: null` (or absent) means open-ended.
 *
 * Pure: imports nothing (the explorer's browser bundle uses it too).
 */

export type IsoDate = string;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Strict 'YYYY-MM-DD' that is also a real (proleptic Gregorian) calendar date. */
export function isIsoDate(value: string): boolean {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** The calendar date in UTC of an instant (default: now). */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

/**
 * The latest effective date a recorded change may have: today (UTC) plus one day, so an administration
 * east of UTC can record a change effective on its own today. Changes are recorded when they happen or later.
 */
export function latestEffectiveDate(now: Date = new Date()): IsoDate {
  return todayUtc(new Date(now.getTime() + 24 * 60 * 60 * 1000));
}

/** A half-open interval [from, to) of dates; `to` null or absent = open-ended. */
export interface DatePeriod {
  from: IsoDate;
  to?: IsoDate | null;
}

/** True when from <= date < to (to null = open-ended). */
export function inHalfOpen(date: IsoDate, from: IsoDate, to: IsoDate | null | undefined): boolean {
  return from <= date && (to == null || date < to);
}

/** The first period containing `date`, or null. */
export function periodContaining<P extends DatePeriod>(periods: readonly P[], date: IsoDate): P | null {
  return periods.find((p) => inHalfOpen(date, p.from, p.to)) ?? null;
}
