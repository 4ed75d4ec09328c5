import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  dayNumberOf,
  endOfLocalDay,
  instantAt,
  isLocalDate,
  isoWeekdayOf,
  localDateOf,
  localDateOfDayNumber,
  parseInstant,
  toOffsetIso,
} from './date.ts';
import { TIME_ZONE_OFFSET_MINUTES, type TimeZoneName } from '../region.ts';

const zones: TimeZoneName[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

describe('local dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(() => dayNumberOf('2026-02-30')).toThrow(RangeError);
  });

  it('knows weekdays (ISO, Monday = 1)', () => {
    expect(isoWeekdayOf('2026-11-22')).toBe(7); // Sunday
    expect(isoWeekdayOf('2026-11-23')).toBe(1);
    expect(isoWeekdayOf('1970-01-01')).toBe(4);
    expect(isoWeekdayOf('1969-12-29')).toBe(1);
  });

  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 60_000 }), (n) => {
        expect(dayNumberOf(localDateOfDayNumber(n))).toBe(n);
      }),
    );
  });

  it('moves by calendar days across month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('instants in Indonesian zones', () => {
  it('reads the local date in each zone', () => {
    const instant = new Date('2026-11-19T16:30:00Z');
    expect(localDateOf(instant, 'Asia/Jakarta')).toBe('2026-11-19'); // 23:30 WIB
    expect(localDateOf(instant, 'Asia/Makassar')).toBe('2026-11-20'); // 00:30 WITA
    expect(localDateOf(instant, 'Asia/Jayapura')).toBe('2026-11-20'); // 01:30 WIT
  });

  it('ends a local day at 23:59:59 with the zone offset', () => {
    expect(toOffsetIso(endOfLocalDay('2026-11-27', 'Asia/Jakarta'), 'Asia/Jakarta')).toBe('2026-11-27T23:59:59+07:00');
    expect(toOffsetIso(endOfLocalDay('2026-11-27', 'Asia/Jayapura'), 'Asia/Jayapura')).toBe('2026-11-27T23:59:59+09:00');
    expect(endOfLocalDay('2026-11-27', 'Asia/Makassar').toISOString()).toBe('2026-11-27T15:59:59.000Z');
  });

  it('puts every instant of a local day on that date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18_000, max: 22_000 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.constantFrom(...zones),
        (day, ms, zone) => {
          const date = localDateOfDayNumber(day);
          const instant = new Date(instantAt({ date, time: '00:00', timeZone: zone }).getTime() + ms);
          expect(localDateOf(instant, zone)).toBe(date);
          expect(parseInstant(toOffsetIso(instant, zone))?.getTime()).toBe(instant.getTime());
          expect(toOffsetIso(instant, zone).endsWith(`+0${TIME_ZONE_OFFSET_MINUTES[zone] / 60}:00`)).toBe(true);
        },
      ),
    );
  });

  it('parses only instants that carry an offset', () => {
    expect(parseInstant('2026-11-20T10:00:00+07:00')?.toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(parseInstant('2026-11-20T03:00Z')?.toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(parseInstant('2026-11-20T10:00:00')).toBeUndefined();
    expect(parseInstant('2026-11-20')).toBeUndefined();
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeUndefined();
    expect(parseInstant('besok pagi')).toBeUndefined();
  });
});
