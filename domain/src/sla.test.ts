import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantAt, localDateOf, localDateOfDayNumber, parseInstant } from './calendar/date.ts';
import { createWorkCalendar, isWorkingDay, workingDaysBetween } from './calendar/working-days.ts';
import { computeSlaDeadline, computeSlaStatus, reviseSlaDeadline, type SlaPause } from './sla.ts';
import type { TimeZoneName } from './region.ts';

function at(text: string): Date {
  const instant = parseInstant(text);
  if (!instant) throw new Error(`bad instant in test: ${text}`);
  return instant;
}

const wib = createWorkCalendar({ timeZone: 'Asia/Jakarta' });
const wita = createWorkCalendar({ timeZone: 'Asia/Makassar' });

// Every example here is also written out in docs/SLA.md.
describe('docs/SLA.md worked examples', () => {
  it('1. five working days from a Friday morning end on the next Friday at 23:59:59 local', () => {
    const d = computeSlaDeadline({ calendar: wib, start: at('2026-11-20T10:00:00+07:00'), amount: 5 });
    expect(d).toMatchObject({
      state: 'due',
      startDate: '2026-11-20',
      dueDate: '2026-11-27',
      dueAtIso: '2026-11-27T23:59:59+07:00',
    });
    expect(d.skipped).toEqual([
      { date: '2026-11-21', reason: 'weekend' },
      { date: '2026-11-22', reason: 'weekend' },
    ]);
  });

  it('2. a start on a weekend or holiday counts from the next working day; Friday and Saturday starts tie', () => {
    const saturday = computeSlaDeadline({ calendar: wib, start: at('2026-11-21T09:00:00+07:00'), amount: 5 });
    expect(saturday.dueDate).toBe('2026-11-27');
    const cutiBersama = computeSlaDeadline({ calendar: wib, start: at('2026-12-24T10:00:00+07:00'), amount: 3 });
    expect(cutiBersama.dueDate).toBe('2026-12-30');
    expect(cutiBersama.skipped.map((s) => s.reason)).toEqual(['libur_nasional', 'weekend', 'weekend']);
  });

  it('3. cuti bersama are days off unless the tenant works them', () => {
    const start = at('2026-03-17T10:00:00+07:00');
    expect(computeSlaDeadline({ calendar: wib, start, amount: 3 }).dueDate).toBe('2026-03-27');
    const rostered = createWorkCalendar({ timeZone: 'Asia/Jakarta', tenant: { cutiBersamaIsWorkingDay: true } });
    expect(computeSlaDeadline({ calendar: rostered, start, amount: 3 }).dueDate).toBe('2026-03-23');
  });

  it('4. the same instant late at night gives different deadlines in WIB and WITA', () => {
    const start = at('2026-11-19T23:30:00+07:00'); // = Friday 00:30 WITA
    expect(computeSlaDeadline({ calendar: wib, start, amount: 1 }).dueAtIso).toBe('2026-11-20T23:59:59+07:00');
    expect(computeSlaDeadline({ calendar: wita, start, amount: 1 }).dueAtIso).toBe('2026-11-23T23:59:59+08:00');
  });

  it('5. a pause removes the days after the pause day up to and including the resume day', () => {
    const start = at('2026-11-16T10:00:00+07:00');
    expect(computeSlaDeadline({ calendar: wib, start, amount: 5 }).dueDate).toBe('2026-11-23');
    const pauses: SlaPause[] = [{ pausedAt: at('2026-11-18T14:00:00+07:00'), resumedAt: at('2026-11-23T09:00:00+07:00') }];
    const paused = computeSlaDeadline({ calendar: wib, start, amount: 5, pauses });
    expect(paused.dueDate).toBe('2026-11-26');
    expect(paused.skipped).toEqual([
      { date: '2026-11-19', reason: 'paused' },
      { date: '2026-11-20', reason: 'paused' },
      { date: '2026-11-21', reason: 'weekend' },
      { date: '2026-11-22', reason: 'weekend' },
      { date: '2026-11-23', reason: 'paused' },
    ]);
    const sameDay = [{ pausedAt: at('2026-11-18T09:00:00+07:00'), resumedAt: at('2026-11-18T15:00:00+07:00') }];
    expect(computeSlaDeadline({ calendar: wib, start, amount: 5, pauses: sameDay }).dueDate).toBe('2026-11-23');
  });

  it('5b. an open pause stops the clock; status counts used and remaining days', () => {
    const start = at('2026-11-16T10:00:00+07:00');
    const open = computeSlaStatus({
      calendar: wib,
      start,
      amount: 5,
      pauses: [{ pausedAt: at('2026-11-18T14:00:00+07:00') }],
      now: at('2026-11-30T10:00:00+07:00'),
    });
    expect(open).toMatchObject({ used: 2, remaining: 3, paused: true, overdue: false });
    expect(open.deadline).toMatchObject({ state: 'paused', dueDate: null, dueAtIso: null });

    const pauses = [{ pausedAt: at('2026-11-18T14:00:00+07:00'), resumedAt: at('2026-11-23T09:00:00+07:00') }];
    const onDueDay = computeSlaStatus({ calendar: wib, start, amount: 5, pauses, now: at('2026-11-26T23:59:59+07:00') });
    expect(onDueDay).toMatchObject({ used: 5, remaining: 0, overdue: false, paused: false });
    const dayAfter = computeSlaStatus({ calendar: wib, start, amount: 5, pauses, now: at('2026-11-27T00:00:00+07:00') });
    expect(dayAfter).toMatchObject({ used: 6, remaining: -1, overdue: true });
  });

  it('6. a decree that adds a day off moves an open deadline later, never earlier', () => {
    const start = at('2025-08-04T10:00:00+07:00');
    const asKnownAtStart = createWorkCalendar({ timeZone: 'Asia/Jakarta', knownOn: '2025-08-04' });
    const promised = computeSlaDeadline({ calendar: asKnownAtStart, start, amount: 10 });
    expect(promised.dueDate).toBe('2025-08-18');
    expect(promised.calendarVersion).toBe('skb-2025');
    const recomputed = computeSlaDeadline({ calendar: wib, start, amount: 10 });
    expect(recomputed.dueDate).toBe('2025-08-19');
    expect(reviseSlaDeadline({ promised, recomputed })).toMatchObject({ dueDate: '2025-08-19', revised: true });
    // The reverse (a day off withdrawn) keeps the promise.
    expect(reviseSlaDeadline({ promised: recomputed, recomputed: promised })).toMatchObject({
      dueDate: '2025-08-19',
      revised: false,
    });
  });

  it('7. tenant days off count like national ones', () => {
    const banyuwangi = createWorkCalendar({
      timeZone: 'Asia/Jakarta',
      tenant: { add: [{ date: '2026-12-18', name: 'Hari Jadi Kabupaten Banyuwangi' }] },
    });
    const start = at('2026-12-16T10:00:00+07:00');
    expect(computeSlaDeadline({ calendar: wib, start, amount: 3 }).dueDate).toBe('2026-12-21');
    expect(computeSlaDeadline({ calendar: banyuwangi, start, amount: 3 }).dueDate).toBe('2026-12-22');
  });

  it('8. hours count inside service hours only', () => {
    const d = computeSlaDeadline({ calendar: wib, start: at('2026-11-20T15:00:00+07:00'), amount: 4, unit: 'hours' });
    expect(d.dueAtIso).toBe('2026-11-23T10:00:00+07:00');
    const status = computeSlaStatus({
      calendar: wib,
      start: at('2026-11-20T15:00:00+07:00'),
      amount: 4,
      unit: 'hours',
      now: at('2026-11-23T08:30:00+07:00'),
    });
    expect(status).toMatchObject({ used: 2.5, remaining: 1.5, overdue: false });
    const before = computeSlaDeadline({ calendar: wib, start: at('2026-11-21T06:00:00+07:00'), amount: 30, unit: 'minutes' });
    expect(before.dueAtIso).toBe('2026-11-23T08:00:00+07:00');
  });

  it('9. a span reaching a year without holiday data warns', () => {
    const d = computeSlaDeadline({ calendar: wib, start: at('2026-12-28T10:00:00+07:00'), amount: 5 });
    expect(d.dueDate).toBe('2027-01-04');
    expect(d.warnings.map((w) => w.code)).toEqual(['HOLIDAY_DATA_MISSING']);
  });

  it('10. calendar days count every day; zero days ends the start day', () => {
    expect(
      computeSlaDeadline({ calendar: wib, start: at('2026-12-24T10:00:00+07:00'), amount: 3, unit: 'calendar_days' }).dueDate,
    ).toBe('2026-12-27');
    expect(computeSlaDeadline({ calendar: wib, start: at('2026-12-25T10:00:00+07:00'), amount: 0 }).dueAtIso).toBe(
      '2026-12-25T23:59:59+07:00',
    );
  });
});

describe('input checks', () => {
  const start = at('2026-11-16T10:00:00+07:00');
  it('rejects bad amounts and pauses', () => {
    expect(() => computeSlaDeadline({ calendar: wib, start, amount: -1 })).toThrow(RangeError);
    expect(() => computeSlaDeadline({ calendar: wib, start, amount: 1.5 })).toThrow(RangeError);
    expect(() =>
      computeSlaDeadline({ calendar: wib, start, amount: 1, pauses: [{ pausedAt: at('2026-11-15T10:00:00+07:00') }] }),
    ).toThrow(RangeError);
    expect(() =>
      computeSlaDeadline({
        calendar: wib,
        start,
        amount: 1,
        pauses: [{ pausedAt: at('2026-11-17T10:00:00+07:00') }, { pausedAt: at('2026-11-18T10:00:00+07:00') }],
      }),
    ).toThrow(/open/);
    expect(() =>
      computeSlaDeadline({
        calendar: wib,
        start,
        amount: 1,
        pauses: [{ pausedAt: at('2026-11-17T10:00:00+07:00'), resumedAt: at('2026-11-17T09:00:00+07:00') }],
      }),
    ).toThrow(RangeError);
  });
});

const zones: TimeZoneName[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];
const instantArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 9, 1) }).map((ms) => new Date(ms));
const calendarArb = fc
  .record({ zone: fc.constantFrom(...zones), cuti: fc.boolean() })
  .map(({ zone, cuti }) => createWorkCalendar({ timeZone: zone, tenant: { cutiBersamaIsWorkingDay: cuti } }));

/** Random pauses after `start`: sorted instants paired up, the last maybe left open. */
function pausesArb(start: Date): fc.Arbitrary<SlaPause[]> {
  return fc
    .tuple(fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { maxLength: 6 }), fc.boolean())
    .map(([offsets, leaveOpen]) => {
      const sorted = [...offsets].sort((a, b) => a - b).map((o) => new Date(start.getTime() + o));
      const pauses: SlaPause[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) pauses.push({ pausedAt: sorted[i]!, resumedAt: sorted[i + 1]! });
      if (leaveOpen && sorted.length % 2 === 1) pauses.push({ pausedAt: sorted[sorted.length - 1]! });
      return pauses;
    });
}

describe('SLA properties', () => {
  it('workingDaysBetween(start, dueAt) = n, and the due date is a working day ending 23:59:59 local', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 60 }), (calendar, start, n) => {
        const d = computeSlaDeadline({ calendar, start, amount: n });
        expect(workingDaysBetween(calendar, { from: start, to: d.dueAt! })).toBe(n);
        if (n > 0) expect(isWorkingDay(calendar, d.dueDate!)).toBe(true);
        expect(d.dueAtIso!.slice(10, 19)).toBe('T23:59:59');
        expect(localDateOf(d.dueAt!, calendar.timeZone)).toBe(d.dueDate);
      }),
    );
  });

  it('every instant of the same local day gives the same deadline', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 20_089, max: 20_700 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.integer({ min: 0, max: 30 }),
        (calendar, day, ms, n) => {
          const midnight = instantAt({ date: localDateOfDayNumber(day), time: '00:00', timeZone: calendar.timeZone });
          const atMidnight = computeSlaDeadline({ calendar, start: midnight, amount: n });
          const later = computeSlaDeadline({ calendar, start: new Date(midnight.getTime() + ms), amount: n });
          expect(later.dueAtIso).toBe(atMidnight.dueAtIso);
        },
      ),
    );
  });

  it('with pauses, the used days at the deadline equal n, and pausing never brings the deadline earlier', () => {
    const clockArb = fc
      .tuple(calendarArb, instantArb, fc.integer({ min: 1, max: 30 }))
      .chain(([calendar, start, n]) => pausesArb(start).map((pauses) => ({ calendar, start, n, pauses })));
    fc.assert(
      fc.property(clockArb, ({ calendar, start, n, pauses }) => {
        const without = computeSlaDeadline({ calendar, start, amount: n });
        const withPauses = computeSlaDeadline({ calendar, start, amount: n, pauses });
        if (withPauses.state === 'paused') {
          const status = computeSlaStatus({
            calendar,
            start,
            amount: n,
            pauses,
            now: new Date(start.getTime() + 400 * 86_400_000),
          });
          expect(status.used).toBeLessThan(n);
          return;
        }
        expect(withPauses.dueAt!.getTime()).toBeGreaterThanOrEqual(without.dueAt!.getTime());
        const status = computeSlaStatus({ calendar, start, amount: n, pauses, now: withPauses.dueAt! });
        expect(status.used).toBe(n);
        expect(status.overdue).toBe(false);
        const next = computeSlaStatus({ calendar, start, amount: n, pauses, now: new Date(withPauses.dueAt!.getTime() + 1000) });
        expect(next.overdue).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a pause and resume on the same local day changes nothing', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (calendar, start, n, dayOffset, span) => {
          const pausedAt = new Date(start.getTime() + dayOffset * 86_400_000);
          const resumedAt = new Date(pausedAt.getTime() + span);
          fc.pre(localDateOf(resumedAt, calendar.timeZone) === localDateOf(pausedAt, calendar.timeZone));
          const plain = computeSlaDeadline({ calendar, start, amount: n });
          const paused = computeSlaDeadline({ calendar, start, amount: n, pauses: [{ pausedAt, resumedAt }] });
          expect(paused.dueAtIso).toBe(plain.dueAtIso);
        },
      ),
    );
  });

  it('minutes: the deadline is at least the amount after the start, and exactly the amount is used by then', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 600 }), (calendar, start, minutes) => {
        const d = computeSlaDeadline({ calendar, start, amount: minutes, unit: 'minutes' });
        expect(d.dueAt!.getTime() - start.getTime()).toBeGreaterThanOrEqual(minutes * 60_000);
        const status = computeSlaStatus({ calendar, start, amount: minutes, unit: 'minutes', now: d.dueAt! });
        expect(status.used).toBeCloseTo(minutes, 9);
      }),
    );
  });
});
