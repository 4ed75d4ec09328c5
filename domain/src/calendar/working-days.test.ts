import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, instantAt, isoWeekdayOf, localDateOfDayNumber, type IsoWeekday } from './date.ts';
import { HOLIDAY_DECREES, NATIONAL_HOLIDAYS, holidayYearsKnownOn, holidaysKnownOn, type NationalHoliday } from './holidays.ts';
import {
  addWorkingDays,
  createWorkCalendar,
  findDayOff,
  isWithinServiceHours,
  isWorkingDay,
  listDaysOff,
  workingDaysBetween,
  type TenantCalendar,
} from './working-days.ts';

const jakarta = createWorkCalendar({ timeZone: 'Asia/Jakarta' });

describe('national holiday data', () => {
  it('has 17 holidays and 10 + 1 cuti bersama in 2025, 17 + 8 in 2026', () => {
    const count = (year: string, kind: string) =>
      NATIONAL_HOLIDAYS.filter((h) => h.date.startsWith(year) && h.kind === kind).length;
    expect(count('2025', 'libur_nasional')).toBe(17);
    expect(count('2025', 'cuti_bersama')).toBe(11);
    expect(count('2026', 'libur_nasional')).toBe(17);
    expect(count('2026', 'cuti_bersama')).toBe(8);
  });

  it('lists each date once per year and every entry names a known decree', () => {
    const dates = NATIONAL_HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of NATIONAL_HOLIDAYS) {
      const decree = HOLIDAY_DECREES.find((d) => d.id === h.addedBy);
      expect(decree?.signedOn).toBe(h.validFrom);
      expect(h.date.slice(0, 4)).toBe(String(decree?.year));
    }
  });

  it('answers "as known on" a date: 18 Aug 2025 exists only from SKB 933 of 7 Aug 2025', () => {
    const has18Aug = (knownOn?: string) => holidaysKnownOn({ knownOn }).some((h) => h.date === '2025-08-18');
    expect(has18Aug('2025-08-06')).toBe(false);
    expect(has18Aug('2025-08-07')).toBe(true);
    expect(has18Aug()).toBe(true);
    expect(holidaysKnownOn({ knownOn: '2024-10-13' })).toHaveLength(0);
    expect(holidayYearsKnownOn({ knownOn: '2025-09-18' })).toEqual([2025]);
    expect(holidayYearsKnownOn({ knownOn: '2025-09-19' })).toEqual([2025, 2026]);
    const old = createWorkCalendar({ timeZone: 'Asia/Jakarta', knownOn: '2025-08-06' });
    expect(isWorkingDay(old, '2025-08-18')).toBe(true);
    expect(findDayOff(jakarta, '2025-08-18')?.reason).toBe('cuti_bersama');
  });

  it('drops withdrawn entries from the date of withdrawal', () => {
    const moved: NationalHoliday[] = [
      {
        date: '2026-06-16',
        kind: 'libur_nasional',
        name: 'X',
        nameEn: 'X',
        addedBy: 'a',
        validFrom: '2025-09-19',
        withdrawnFrom: '2026-03-01',
        withdrawnBy: 'b',
      },
    ];
    expect(holidaysKnownOn({ knownOn: '2026-02-28', holidays: moved })).toHaveLength(1);
    expect(holidaysKnownOn({ knownOn: '2026-03-01', holidays: moved })).toHaveLength(0);
    expect(holidaysKnownOn({ holidays: moved })).toHaveLength(0);
  });
});

describe('work calendar', () => {
  it('skips weekends, holidays and cuti bersama by default', () => {
    expect(findDayOff(jakarta, '2026-11-21')?.reason).toBe('weekend');
    expect(findDayOff(jakarta, '2026-12-25')).toMatchObject({ reason: 'libur_nasional', name: 'Hari Raya Natal' });
    expect(findDayOff(jakarta, '2026-12-24')?.reason).toBe('cuti_bersama');
    expect(isWorkingDay(jakarta, '2026-12-23')).toBe(true);
  });

  it('applies tenant additions, removals, cuti bersama and work week', () => {
    const tenant: TenantCalendar = {
      add: [{ date: '2026-12-18', name: 'Hari Jadi Kabupaten Banyuwangi' }],
      remove: ['2026-08-25'],
      cutiBersamaIsWorkingDay: true,
      workWeek: [1, 2, 3, 4, 5, 6],
    };
    const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant });
    expect(findDayOff(calendar, '2026-12-18')).toMatchObject({ reason: 'tenant_holiday' });
    expect(isWorkingDay(calendar, '2026-08-25')).toBe(true);
    expect(isWorkingDay(calendar, '2026-12-24')).toBe(true);
    expect(isWorkingDay(calendar, '2026-11-21')).toBe(true); // Saturday service
    expect(isWorkingDay(calendar, '2026-11-22')).toBe(false);
  });

  it('rejects malformed tenant data', () => {
    expect(() => createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant: { workWeek: [] } })).toThrow(RangeError);
    expect(() => createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant: { add: [{ date: '2026-02-30', name: 'x' }] } })).toThrow(
      RangeError,
    );
    expect(() =>
      createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant: { serviceHours: { 1: [{ open: '16:00', close: '08:00' }] } } }),
    ).toThrow(RangeError);
  });

  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween(jakarta, { from: '2026-11-20', to: '2026-11-27' })).toBe(5);
    expect(workingDaysBetween(jakarta, { from: '2026-11-27', to: '2026-11-20' })).toBe(-5);
    expect(workingDaysBetween(jakarta, { from: '2026-11-20', to: '2026-11-20' })).toBe(0);
    expect(workingDaysBetween(jakarta, { from: new Date('2026-11-20T03:00:00Z'), to: new Date('2026-11-27T16:59:59Z') })).toBe(5);
    expect(addWorkingDays(jakarta, { from: '2026-11-20', days: 5 })).toBe('2026-11-27');
    expect(addWorkingDays(jakarta, { from: '2026-11-21', days: -1 })).toBe('2026-11-20');
    expect(listDaysOff(jakarta, { from: '2026-03-17', to: '2026-03-25' }).map((d) => d.date)).toEqual([
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
    ]);
  });

  it('knows service hours, in the tenant zone', () => {
    // Default Friday hours 07:30–16:30.
    expect(isWithinServiceHours(jakarta, instantAt({ date: '2026-11-20', time: '07:30', timeZone: 'Asia/Jakarta' }))).toBe(true);
    expect(isWithinServiceHours(jakarta, instantAt({ date: '2026-11-20', time: '16:30', timeZone: 'Asia/Jakarta' }))).toBe(false);
    expect(isWithinServiceHours(jakarta, instantAt({ date: '2026-11-19', time: '16:15', timeZone: 'Asia/Jakarta' }))).toBe(false);
    expect(isWithinServiceHours(jakarta, instantAt({ date: '2026-12-25', time: '10:00', timeZone: 'Asia/Jakarta' }))).toBe(false);
    const split = createWorkCalendar({
      timeZone: 'Asia/Makassar',
      tenant: {
        serviceHours: {
          5: [
            { open: '08:00', close: '11:30' },
            { open: '13:00', close: '16:00' },
          ],
        },
      },
    });
    expect(isWithinServiceHours(split, new Date('2026-11-20T04:00:00Z'))).toBe(false); // 12:00 WITA
    expect(isWithinServiceHours(split, new Date('2026-11-20T05:00:00Z'))).toBe(true); // 13:00 WITA
  });
});

// Random tenants over 2025–2027 so that weekends, holidays, cuti bersama and missing data mix.
const tenantArb = fc.record({
  add: fc.array(
    fc.integer({ min: 20_089, max: 20_819 }).map((n) => ({ date: localDateOfDayNumber(n), name: 'Libur daerah' })),
    { maxLength: 5 },
  ),
  remove: fc.array(fc.constantFrom(...NATIONAL_HOLIDAYS.map((h) => h.date)), { maxLength: 3 }),
  cutiBersamaIsWorkingDay: fc.boolean(),
  workWeek: fc.uniqueArray(fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<IsoWeekday>, { minLength: 1, maxLength: 7 }),
});
const dateArb = fc.integer({ min: 20_089, max: 20_819 }).map(localDateOfDayNumber); // 2025-01-01 … 2026-12-31

describe('working-day properties', () => {
  it('adding n working days then counting back gives n', () => {
    fc.assert(
      fc.property(tenantArb, dateArb, fc.integer({ min: 0, max: 300 }), (tenant, from, n) => {
        const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant });
        const due = addWorkingDays(calendar, { from, days: n });
        expect(workingDaysBetween(calendar, { from, to: due })).toBe(n);
        if (n > 0) expect(isWorkingDay(calendar, due)).toBe(true);
      }),
    );
  });

  it('going forward n and back n from a working day returns to it', () => {
    fc.assert(
      fc.property(tenantArb, dateArb, fc.integer({ min: 0, max: 120 }), (tenant, start, n) => {
        const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant });
        const from = addWorkingDays(calendar, { from: start, days: 1 });
        const there = addWorkingDays(calendar, { from, days: n });
        expect(addWorkingDays(calendar, { from: there, days: -n })).toBe(from);
      }),
    );
  });

  it('counts are additive and antisymmetric', () => {
    fc.assert(
      fc.property(tenantArb, dateArb, dateArb, dateArb, (tenant, a, b, c) => {
        const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant });
        const ab = workingDaysBetween(calendar, { from: a, to: b });
        expect(ab + workingDaysBetween(calendar, { from: b, to: c })).toBe(workingDaysBetween(calendar, { from: a, to: c }));
        expect(workingDaysBetween(calendar, { from: b, to: a }) + ab).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('a working day is never on a weekday outside the work week, a holiday or a tenant day off', () => {
    fc.assert(
      fc.property(tenantArb, dateArb, (tenant, date) => {
        const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant });
        if (!isWorkingDay(calendar, date)) return;
        expect(tenant.workWeek).toContain(isoWeekdayOf(date));
        expect(tenant.add.map((a) => a.date)).not.toContain(date);
        const national = NATIONAL_HOLIDAYS.find((h) => h.date === date);
        if (national && !tenant.remove.includes(date))
          expect(national.kind === 'cuti_bersama' && tenant.cutiBersamaIsWorkingDay).toBe(true);
      }),
    );
  });

  it('an extra day off never brings a due date earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 90 }), (from, n, offset) => {
        const base = createWorkCalendar({ timeZone: 'Asia/Jakarta' });
        const extra = createWorkCalendar({
          timeZone: 'Asia/Jakarta',
          tenant: { add: [{ date: addCalendarDays(from, offset), name: 'x' }] },
        });
        expect(addWorkingDays(extra, { from, days: n }) >= addWorkingDays(base, { from, days: n })).toBe(true);
      }),
    );
  });
});
