import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRupiah, formatSlaDuration, formatTime } from './format.ts';
import { roundHalfUp } from './number.ts';

describe('formatting', () => {
  it('writes Rupiah the PUEBI way', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp1.500.000');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(999.5)).toBe('Rp1.000');
    expect(formatRupiah(-2_500)).toBe('-Rp2.500');
    expect(formatRupiah(-0.2)).toBe('Rp0');
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
  });

  it('writes dates and times in id-ID with the zone label', () => {
    expect(formatDate('2026-11-22')).toBe('22 November 2026');
    expect(formatDate('2026-11-22', { weekday: true })).toBe('Minggu, 22 November 2026');
    const instant = new Date('2026-11-22T02:30:00Z');
    expect(formatTime(instant, 'Asia/Jakarta')).toBe('09.30 WIB');
    expect(formatTime(instant, 'Asia/Makassar')).toBe('10.30 WITA');
    expect(formatTime(new Date('2026-11-22T15:05:00Z'), 'Asia/Jayapura')).toBe('00.05 WIT');
    expect(formatDateTime(new Date('2026-11-22T15:05:00Z'), 'Asia/Jayapura')).toBe('23 November 2026 pukul 00.05 WIT');
  });

  it('writes SLA durations', () => {
    expect(formatSlaDuration(5, 'working_days')).toBe('5 hari kerja');
    expect(formatSlaDuration(1.5, 'hours')).toBe('1,5 jam');
  });

  it('rounds half away from zero without binary surprises', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(88.305, 2)).toBe(88.31);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(0.1 + 0.2, 2)).toBe(0.3);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
    expect(() => roundHalfUp(1, 11)).toThrow(RangeError);
  });
});
