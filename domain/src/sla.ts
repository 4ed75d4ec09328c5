/**
 * SLA clocks for service standards (REFERENCE §4, §7). The rule, stated fully in docs/SLA.md:
 *
 * - A clock starts at an instant; its start day d0 is that instant's local date in the tenant's
 *   zone. The start day never counts, whatever time it is and whether or not it is a working day.
 * - A deadline of n working days ends at 23:59:59 local time on the n-th counted day after d0;
 *   n calendar days likewise with every day counting; 0 days means the end of d0 itself.
 * - A pause at local day p resumed at local day r removes the days D with p < D ≤ r: the pause
 *   day still counts, the resume day is treated like a new start day. A pause and a resume on
 *   the same local day cost nothing. While a pause is open, days after p do not count.
 * - Hours and minutes count time inside service hours on working days, minus paused time.
 * - Overdue means: for day units, `now` is on a local date after the due date; for time units,
 *   `now` is after dueAt.
 */
import type { DomainIssue } from './issue.ts';
import {
  addCalendarDays,
  endOfLocalDay,
  instantAt,
  localDateOf,
  startOfLocalDay,
  toOffsetIso,
  type LocalDate,
} from './calendar/date.ts';
import {
  findDayOff,
  hasHolidayData,
  serviceIntervalsOn,
  type NonWorkingReason,
  type WorkCalendar,
} from './calendar/working-days.ts';
import type { TimeZoneName } from './region.ts';

export type SlaUnit = 'working_days' | 'calendar_days' | 'hours' | 'minutes';

export const SLA_UNITS: readonly SlaUnit[] = ['working_days', 'calendar_days', 'hours', 'minutes'];

/** The application was returned to the citizen at pausedAt and came back at resumedAt. */
export interface SlaPause {
  pausedAt: Date;
  /** Absent or null while the application is still with the citizen. */
  resumedAt?: Date | null;
}

export interface SlaClockOptions {
  calendar: WorkCalendar;
  start: Date;
  amount: number;
  /** Default 'working_days'. */
  unit?: SlaUnit;
  /** In time order, not overlapping, none before start; only the last may be open. */
  pauses?: readonly SlaPause[];
}

export interface SkippedDay {
  date: LocalDate;
  reason: NonWorkingReason | 'paused';
  name?: string;
}

export interface SlaDeadline {
  /** 'paused' when an open pause stops the clock before the deadline is reached. */
  state: 'due' | 'paused';
  unit: SlaUnit;
  amount: number;
  timeZone: TimeZoneName;
  startDate: LocalDate;
  dueDate: LocalDate | null;
  dueAt: Date | null;
  /** dueAt as ISO-8601 with the tenant's offset, e.g. 2026-11-27T23:59:59+07:00. */
  dueAtIso: string | null;
  /** Days after the start day up to the due date (or the pause) that did not count, and why. */
  skipped: SkippedDay[];
  /** e.g. HOLIDAY_DATA_MISSING when the span reaches a year without national holiday data. */
  warnings: DomainIssue[];
  calendarVersion: string;
}

interface DayPause {
  pauseDate: LocalDate;
  resumeDate: LocalDate | null;
  pausedAt: Date;
  resumedAt: Date | null;
}

const MAX_SCAN_DAYS = 36_600;
const MS_PER_MINUTE = 60_000;

function validateClock(options: SlaClockOptions): DayPause[] {
  const { calendar, start, amount } = options;
  const unit = options.unit ?? 'working_days';
  if (Number.isNaN(start.getTime())) throw new RangeError('start is not a valid instant');
  if (!SLA_UNITS.includes(unit)) throw new RangeError(`unknown SLA unit "${unit}"`);
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`amount must be ≥ 0, got ${amount}`);
  if ((unit === 'working_days' || unit === 'calendar_days') && !Number.isInteger(amount)) {
    throw new RangeError(`a day count must be an integer, got ${amount}`);
  }
  const pauses = options.pauses ?? [];
  let previousEnd = start.getTime();
  return pauses.map((pause, i) => {
    const pausedAt = pause.pausedAt.getTime();
    const resumedAt = pause.resumedAt ? pause.resumedAt.getTime() : null;
    if (Number.isNaN(pausedAt) || (resumedAt !== null && Number.isNaN(resumedAt))) {
      throw new RangeError(`pause ${i + 1}: invalid instant`);
    }
    if (pausedAt < previousEnd) throw new RangeError(`pause ${i + 1} starts before the clock start or the previous resume`);
    if (resumedAt !== null && resumedAt < pausedAt) throw new RangeError(`pause ${i + 1} resumes before it pauses`);
    if (resumedAt === null && i !== pauses.length - 1) throw new RangeError(`pause ${i + 1} is open but is not the last`);
    previousEnd = resumedAt ?? pausedAt;
    return {
      pauseDate: localDateOf(pause.pausedAt, calendar.timeZone),
      resumeDate: pause.resumedAt ? localDateOf(pause.resumedAt, calendar.timeZone) : null,
      pausedAt: pause.pausedAt,
      resumedAt: pause.resumedAt ?? null,
    };
  });
}

/** The pause that removes day D (p < D ≤ r), if any. */
function pauseCovering(pauses: DayPause[], date: LocalDate): DayPause | undefined {
  return pauses.find((p) => p.pauseDate < date && (p.resumeDate === null || date <= p.resumeDate));
}

function missingDataWarnings(calendar: WorkCalendar, from: LocalDate, to: LocalDate): DomainIssue[] {
  const warnings: DomainIssue[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    if (hasHolidayData(calendar, year)) continue;
    warnings.push({
      code: 'HOLIDAY_DATA_MISSING',
      message: `Data libur nasional dan cuti bersama tahun ${year} belum tersedia; hanya akhir pekan dan libur daerah yang diperhitungkan.`,
      messageEn: `No national holiday data for ${year}; only weekends and tenant days off were skipped.`,
    });
  }
  return warnings;
}

function dayCounts(calendar: WorkCalendar, unit: SlaUnit, date: LocalDate): SkippedDay | undefined {
  if (unit === 'calendar_days') return undefined;
  return findDayOff(calendar, date);
}

/**
 * When the clock runs out: due date and instant, or state 'paused' when an open pause stops it
 * first. Throws RangeError for a negative or fractional day count, an invalid instant, or pauses
 * out of order.
 */
export function computeSlaDeadline(options: SlaClockOptions): SlaDeadline {
  const pauses = validateClock(options);
  const unit = options.unit ?? 'working_days';
  const { calendar, start, amount } = options;
  const startDate = localDateOf(start, calendar.timeZone);
  const base = { unit, amount, timeZone: calendar.timeZone, startDate, calendarVersion: calendar.dataVersion };
  const scan =
    unit === 'hours' || unit === 'minutes' ? scanTime(options, pauses, startDate) : scanDays(options, pauses, startDate);
  const lastDate = scan.dueDate ?? scan.stoppedOn;
  const warnings = unit === 'calendar_days' ? [] : missingDataWarnings(calendar, startDate, lastDate);
  if (!scan.dueAt || !scan.dueDate) {
    return { ...base, state: 'paused', dueDate: null, dueAt: null, dueAtIso: null, skipped: scan.skipped, warnings };
  }
  return {
    ...base,
    state: 'due',
    dueDate: scan.dueDate,
    dueAt: scan.dueAt,
    dueAtIso: toOffsetIso(scan.dueAt, calendar.timeZone),
    skipped: scan.skipped,
    warnings,
  };
}

interface Scan {
  dueDate: LocalDate | null;
  dueAt: Date | null;
  /** The last day examined when the clock stopped on an open pause. */
  stoppedOn: LocalDate;
  skipped: SkippedDay[];
}

function scanDays(options: SlaClockOptions, pauses: DayPause[], startDate: LocalDate): Scan {
  const { calendar, amount } = options;
  const unit = options.unit ?? 'working_days';
  const skipped: SkippedDay[] = [];
  if (amount === 0)
    return { dueDate: startDate, dueAt: endOfLocalDay(startDate, calendar.timeZone), stoppedOn: startDate, skipped };
  let counted = 0;
  let date = startDate;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    date = addCalendarDays(date, 1);
    const pause = pauseCovering(pauses, date);
    if (pause && pause.resumeDate === null) {
      // Open pause: no later day can count until it resumes.
      return { dueDate: null, dueAt: null, stoppedOn: pause.pauseDate, skipped };
    }
    const off = dayCounts(calendar, unit, date);
    if (off) skipped.push(off);
    else if (pause) skipped.push({ date, reason: 'paused' });
    else if (++counted === amount)
      return { dueDate: date, dueAt: endOfLocalDay(date, calendar.timeZone), stoppedOn: date, skipped };
  }
  throw new RangeError('deadline is more than 100 years away');
}

/** Counted time pieces [from, to) of one local day: service hours minus pauses, from the start on. */
function countedPieces(options: SlaClockOptions, pauses: DayPause[], date: LocalDate): Array<[number, number]> {
  const { calendar, start } = options;
  const pieces: Array<[number, number]> = [];
  for (const interval of serviceIntervalsOn(calendar, date)) {
    const open = Math.max(instantAt({ date, time: interval.open, timeZone: calendar.timeZone }).getTime(), start.getTime());
    const close = instantAt({ date, time: interval.close, timeZone: calendar.timeZone }).getTime();
    let segments: Array<[number, number]> = open < close ? [[open, close]] : [];
    for (const p of pauses) {
      const from = p.pausedAt.getTime();
      const to = p.resumedAt ? p.resumedAt.getTime() : Number.POSITIVE_INFINITY;
      segments = segments.flatMap(([a, b]): Array<[number, number]> => {
        if (to <= a || from >= b) return [[a, b]];
        const kept: Array<[number, number]> = [];
        if (from > a) kept.push([a, from]);
        if (to < b) kept.push([to, b]);
        return kept;
      });
    }
    pieces.push(...segments);
  }
  return pieces;
}

function scanTime(options: SlaClockOptions, pauses: DayPause[], startDate: LocalDate): Scan {
  const { calendar, amount, start } = options;
  const target = amount * MS_PER_MINUTE * (options.unit === 'hours' ? 60 : 1);
  const skipped: SkippedDay[] = [];
  if (target === 0) return { dueDate: startDate, dueAt: new Date(start), stoppedOn: startDate, skipped };
  const open = pauses.find((p) => p.resumedAt === null);
  let used = 0;
  let date = startDate;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    if (open && startOfLocalDay(date, calendar.timeZone).getTime() > open.pausedAt.getTime()) {
      return { dueDate: null, dueAt: null, stoppedOn: open.pauseDate, skipped };
    }
    if (date !== startDate) {
      const off = findDayOff(calendar, date);
      if (off) skipped.push(off);
    }
    for (const [from, to] of countedPieces(options, pauses, date)) {
      if (used + (to - from) >= target) {
        const dueAt = new Date(from + (target - used));
        return { dueDate: localDateOf(dueAt, calendar.timeZone), dueAt, stoppedOn: date, skipped };
      }
      used += to - from;
    }
    date = addCalendarDays(date, 1);
  }
  throw new RangeError('deadline is more than 100 years away');
}

export interface SlaStatusOptions extends SlaClockOptions {
  now: Date;
}

export interface SlaStatus {
  deadline: SlaDeadline;
  /** Counted days (or hours/minutes, in the clock's unit) from the start up to now. */
  used: number;
  /** amount − used; negative once more was used than allowed. */
  remaining: number;
  /** True when now falls inside a pause. */
  paused: boolean;
  overdue: boolean;
}

/**
 * Where a clock stands at `now`. Throws RangeError like computeSlaDeadline, or when now is not
 * a valid instant.
 */
export function computeSlaStatus(options: SlaStatusOptions): SlaStatus {
  const deadline = computeSlaDeadline(options);
  const pauses = validateClock(options);
  const { calendar, now } = options;
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid instant');
  const unit = options.unit ?? 'working_days';
  const used = unit === 'hours' || unit === 'minutes' ? usedTime(options, pauses) : usedDays(options, pauses);
  const paused = pauses.some((p) => p.pausedAt <= now && (p.resumedAt === null || now < p.resumedAt));
  let overdue = false;
  if (deadline.dueAt && deadline.dueDate) {
    overdue =
      unit === 'hours' || unit === 'minutes' ? now > deadline.dueAt : localDateOf(now, calendar.timeZone) > deadline.dueDate;
  }
  return { deadline, used, remaining: options.amount - used, paused, overdue };
}

function usedDays(options: SlaStatusOptions, pauses: DayPause[]): number {
  const { calendar, start, now } = options;
  const unit = options.unit ?? 'working_days';
  const today = localDateOf(now, calendar.timeZone);
  let counted = 0;
  let date = addCalendarDays(localDateOf(start, calendar.timeZone), 1);
  for (let scanned = 0; date <= today && scanned < MAX_SCAN_DAYS; scanned++) {
    if (!pauseCovering(pauses, date) && !dayCounts(calendar, unit, date)) counted++;
    date = addCalendarDays(date, 1);
  }
  return counted;
}

function usedTime(options: SlaStatusOptions, pauses: DayPause[]): number {
  const { calendar, start, now } = options;
  const last = localDateOf(now, calendar.timeZone);
  let ms = 0;
  let date = localDateOf(start, calendar.timeZone);
  for (let scanned = 0; date <= last && scanned < MAX_SCAN_DAYS; scanned++) {
    for (const [from, to] of countedPieces(options, pauses, date)) {
      ms += Math.max(0, Math.min(to, now.getTime()) - from);
    }
    date = addCalendarDays(date, 1);
  }
  return ms / MS_PER_MINUTE / (options.unit === 'hours' ? 60 : 1);
}

export interface ReviseSlaDeadlineOptions {
  /** The deadline given to the citizen, computed with the holiday data known at the start. */
  promised: SlaDeadline;
  /** The same clock computed with the holiday data known now. */
  recomputed: SlaDeadline;
}

/**
 * Applies a holiday-data change to a deadline already given out: a deadline moves later when a
 * new decree closes offices inside its span, never earlier when one reopens them. A clock that
 * is paused under the new data reports as paused.
 */
export function reviseSlaDeadline(options: ReviseSlaDeadlineOptions): SlaDeadline & { revised: boolean } {
  const { promised, recomputed } = options;
  if (!recomputed.dueAt || !promised.dueAt) return { ...recomputed, revised: recomputed.dueAtIso !== promised.dueAtIso };
  if (recomputed.dueAt > promised.dueAt) return { ...recomputed, revised: true };
  return { ...promised, revised: false };
}
