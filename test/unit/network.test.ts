/** The explorer's network picture: layout and the agreements on a date (pure functions of src/playground/web/network.ts). */
import { describe, expect, it } from 'vitest';
import { circularLayout, edgesOn, monthIndexToDate, MONTHS_FROM_2007 } from '../../src/playground/web/network.js';
import { agreementStatusOn } from '../../src/domain/agreement-lifecycle.js';

const statusOn = (agreement: { statusHistory: { status: string; from: string; to?: string | null }[] }, date: string) =>
  agreementStatusOn(agreement.statusHistory, date)?.status ?? null;

const program = (code: string, adm: string) => ({ code, name: code, administration: { code: adm, jurisdiction: adm.slice(0, 2) } });
const usKr = {
  id: 'MRA-US-KR',
  parties: [
    { administration: { code: 'US-CBP' }, program: { code: 'US-CTPAT' } },
    { administration: { code: 'KR-KCS' }, program: { code: 'KR-AEO' } },
  ],
  statusHistory: [{ status: 'IN_FORCE', from: '2010-06-28', to: null }],
};
const phased = {
  id: 'MRA-X',
  parties: [
    { administration: { code: 'A' }, program: { code: 'A-P' } },
    { administration: { code: 'B' }, program: { code: 'B-P' } },
    { administration: { code: 'C' }, program: { code: 'C-P' } },
  ],
  statusHistory: [
    { status: 'SIGNED', from: '2012-01-01', to: '2013-01-01' },
    { status: 'IN_FORCE', from: '2013-01-01', to: '2020-01-01' },
    { status: 'TERMINATED', from: '2020-01-01', to: null },
  ],
};

describe('network', () => {
  it('places every programme on a circle inside the picture', () => {
    const layout = circularLayout(
      ['US-CTPAT', 'KR-AEO', 'EU-AEO', 'JP-AEO'].map((c) => program(c, c)),
      720,
      720,
    );
    expect(layout.nodes.size).toBe(4);
    for (const n of layout.nodes.values()) {
      expect(Math.hypot(n.x - 360, n.y - 360)).toBeCloseTo(270, 0);
      expect(n.labelX).toBeGreaterThan(0);
      expect(n.labelX).toBeLessThan(720);
    }
  });

  it("reads an agreement's status on a date from its half-open periods, as the explorer's browser code does", () => {
    expect(statusOn(usKr, '2010-06-27')).toBeNull();
    expect(statusOn(usKr, '2010-06-28')).toBe('IN_FORCE');
    expect(statusOn(phased, '2012-12-31')).toBe('SIGNED');
    expect(statusOn(phased, '2013-01-01')).toBe('IN_FORCE');
    expect(statusOn(phased, '2021-01-01')).toBe('TERMINATED');
  });

  it('draws one edge per pair of parties while signed, in force or suspended; none before signing or once terminated', () => {
    expect(edgesOn([usKr, phased], '2009-01-01')).toEqual([]);
    expect(edgesOn([usKr, phased], '2012-06-01').map((e) => [e.agreementId, e.status])).toEqual([
      ['MRA-US-KR', 'IN_FORCE'],
      ['MRA-X', 'SIGNED'],
      ['MRA-X', 'SIGNED'],
      ['MRA-X', 'SIGNED'],
    ]);
    expect(edgesOn([usKr, phased], '2024-01-01').map((e) => e.agreementId)).toEqual(['MRA-US-KR']);
    expect(edgesOn([usKr], '2024-01-01')[0].administrations.sort()).toEqual(['KR-KCS', 'US-CBP']);
  });

  it('maps the slider from January 2007 to this month', () => {
    expect(monthIndexToDate(0)).toBe('2007-01-01');
    expect(monthIndexToDate(13)).toBe('2008-02-01');
    expect(MONTHS_FROM_2007('2007-01-15')).toBe(0);
    expect(MONTHS_FROM_2007('2026-11-28')).toBe(19 * 12 + 10);
  });
});
