/**
 * A tenant's working-day calendar: national holidays as known on a date, the tenant's own days
 * off and cancellations, its work week and its service hours, in the tenant's time zone.
 * Counting convention shared with sla.ts: a span (from, to] counts the working days strictly
 * after `from` up to and including `to`.
 */
import type { TimeZoneName } from '../region.ts';
import {
  ISO_WEEKDAYS,
  addCalendarDays,
  dayNumberOf,
  isLocalDate,
  isoWeekdayOf,
  localDateOf,
  localTimeOfDayMs,
  timeOfDayMs,
  type IsoWeekday,
  type LocalDate,
} from './date.ts';
import {
  holidayDataVersion,
  holidayYearsKnownOn,
  holidaysKnownOn,
  type HolidayDecree,
  type NationalHoliday,
} from './holidays.ts';

export interface ServiceInterval {
  /** 'HH:MM', inclusive. */
  open: string;
  /** 'HH:MM', exclusive; must be after `open` on the same day. */
  close: string;
}

export type WeeklyServiceHours = Partial<Record<IsoWeekday, readonly ServiceInterval[]>>;

export const DEFAULT_WORK_WEEK: readonly IsoWeekday[] = [1, 2, 3, 4, 5];

/**
 * [M] ASN hours of 37.5 a week (Perpres 21/2023 as remembered in REFERENCE §7): 07.30–16.00
 * Monday–Thursday and 07.30–16.30 Friday, breaks included. Tenants set their own.
 */
export const DEFAULT_SERVICE_HOURS: WeeklyServiceHours = {
  1: [{ open: '07:30', close: '16:00' }],
  2: [{ open: '07:30', close: '16:00' }],
  3: [{ open: '07:30', close: '16:00' }],
  4: [{ open: '07:30', close: '16:00' }],
  5: [{ open: '07:30', close: '16:30' }],
};

export interface TenantDayOff {
  date: LocalDate;
  /** e.g. 'Hari Jadi Kabupaten Banyuwangi' or a regional religious holiday. */
  name: string;
}

/** What one tenant (kab/kota or MPP site) changes about the national calendar. */
export interface TenantCalendar {
  /** Extra days off: regional holidays (libur daerah), local anniversaries. */
  add?: readonly TenantDayOff[];
  /** National holidays or cuti bersama the tenant works anyway. Weekends stay weekends. */
  remove?: readonly LocalDate[];
  /** Direct-service units may roster staff on cuti bersama (REFERENCE §7); default false. */
  cutiBersamaIsWorkingDay?: boolean;
  /** ISO weekdays the office works; default Monday–Friday. */
  workWeek?: readonly IsoWeekday[];
  /** Opening hours per weekday; default DEFAULT_SERVICE_HOURS. */
  serviceHours?: WeeklyServiceHours;
}

export interface WorkCalendarOptions {
  timeZone: TimeZoneName;
  tenant?: TenantCalendar;
  /** Use the holiday data as known on this date; omit for the latest. */
  knownOn?: LocalDate;
  /** Replaces the national data (tests, or a server that stores its own copy). */
  holidays?: readonly NationalHoliday[];
  decrees?: readonly HolidayDecree[];
}

export type NonWorkingReason = 'weekend' | 'libur_nasional' | 'cuti_bersama' | 'tenant_holiday';

export interface DayOff {
  date: LocalDate;
  reason: NonWorkingReason;
  name?: string;
}

export interface WorkCalendar {
  readonly timeZone: TimeZoneName;
  readonly workWeek: ReadonlySet<IsoWeekday>;
  readonly serviceHours: WeeklyServiceHours;
  /** Holidays and tenant days off that fall on a work-week day (weekends are derived). */
  readonly daysOff: ReadonlyMap<LocalDate, DayOff>;
  /** Years with published national data; outside them only weekends and tenant days are known. */
  readonly coveredYears: ReadonlySet<number>;
  /** Which decrees the calendar was built from, for storing beside a computed deadline. */
  readonly dataVersion: string;
  readonly knownOn: LocalDate | undefined;
}

/** Builds a tenant calendar. Throws RangeError for malformed dates, weekdays or service hours. */
export function createWorkCalendar(options: WorkCalendarOptions): WorkCalendar {
  const tenant = options.tenant ?? {};
  if (options.knownOn !== undefined) assertDate(options.knownOn, 'knownOn');
  const workWeek = new Set(tenant.workWeek ?? DEFAULT_WORK_WEEK);
  if (workWeek.size === 0 || [...workWeek].some((d) => !ISO_WEEKDAYS.includes(d))) {
    throw new RangeError('workWeek must list at least one ISO weekday 1–7');
  }
  const serviceHours = tenant.serviceHours ?? DEFAULT_SERVICE_HOURS;
  for (const [weekday, intervals] of Object.entries(serviceHours)) {
    for (const interval of intervals ?? []) {
      if (timeOfDayMs(interval.open) >= timeOfDayMs(interval.close)) {
        throw new RangeError(`service hours on weekday ${weekday}: open ${interval.open} is not before close ${interval.close}`);
      }
    }
  }

  const removed = new Set(tenant.remove ?? []);
  for (const date of removed) assertDate(date, 'tenant.remove');
  const daysOff = new Map<LocalDate, DayOff>();
  const national = holidaysKnownOn({ knownOn: options.knownOn, holidays: options.holidays });
  for (const h of national) {
    if (removed.has(h.date)) continue;
    if (h.kind === 'cuti_bersama' && tenant.cutiBersamaIsWorkingDay) continue;
    // A date can carry a holiday and a cuti bersama in odd years; the holiday wins the label.
    if (daysOff.get(h.date)?.reason === 'libur_nasional') continue;
    daysOff.set(h.date, { date: h.date, reason: h.kind, name: h.name });
  }
  for (const extra of tenant.add ?? []) {
    assertDate(extra.date, 'tenant.add');
    if (!daysOff.has(extra.date)) daysOff.set(extra.date, { date: extra.date, reason: 'tenant_holiday', name: extra.name });
  }
  const coverage = { knownOn: options.knownOn, decrees: options.decrees };
  return {
    timeZone: options.timeZone,
    workWeek,
    serviceHours,
    daysOff,
    coveredYears: new Set(holidayYearsKnownOn(coverage)),
    dataVersion: holidayDataVersion(coverage),
    knownOn: options.knownOn,
  };
}

function assertDate(date: LocalDate, label: string): void {
  if (!isLocalDate(date)) throw new RangeError(`${label}: not a calendar date (YYYY-MM-DD): "${date}"`);
}

/** Why `date` is not a working day, or undefined when it is one. Throws RangeError for a bad date. */
export function findDayOff(calendar: WorkCalendar, date: LocalDate): DayOff | undefined {
  const weekday = isoWeekdayOf(date);
  if (!calendar.workWeek.has(weekday)) return { date, reason: 'weekend' };
  return calendar.daysOff.get(date);
}

/** True when the office works on `date`. Throws RangeError for a bad date. */
export function isWorkingDay(calendar: WorkCalendar, date: LocalDate): boolean {
  return findDayOff(calendar, date) === undefined;
}

// A calendar whose work week is all holidays would loop forever; 100 years is far beyond any SLA.
const MAX_SCAN_DAYS = 36_600;

export interface AddWorkingDaysOptions {
  from: LocalDate;
  /** n ≥ 1: the n-th working day after `from`; 0: `from` itself; −n: the n-th working day before it. */
  days: number;
}

/**
 * The n-th working day strictly after (or, for negative n, before) `from`, whatever `from` is.
 * Throws RangeError for a bad date, a non-integer count, or no working day within 100 years.
 */
export function addWorkingDays(calendar: WorkCalendar, options: AddWorkingDaysOptions): LocalDate {
  const { from, days } = options;
  assertDate(from, 'from');
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const step = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let date = from;
  for (let scanned = 0; remaining > 0; scanned++) {
    if (scanned > MAX_SCAN_DAYS) throw new RangeError('no working day found within 100 years');
    date = addCalendarDays(date, step);
    if (isWorkingDay(calendar, date)) remaining--;
  }
  return date;
}

export interface WorkingDaysBetweenOptions {
  /** A local date, or an instant read in the calendar's zone. */
  from: LocalDate | Date;
  to: LocalDate | Date;
}

/**
 * Working days D with from < D ≤ to (local dates in the calendar's zone); negative when `to` is
 * before `from`. Inverse of addWorkingDays: between(d, add(d, n)) = n for n ≥ 0.
 * Throws RangeError for a bad date or a span over 100 years.
 */
export function workingDaysBetween(calendar: WorkCalendar, options: WorkingDaysBetweenOptions): number {
  const from = toLocalDate(calendar, options.from);
  const to = toLocalDate(calendar, options.to);
  if (to < from) return -workingDaysBetween(calendar, { from: to, to: from }) || 0; // no -0
  if (dayNumberOf(to) - dayNumberOf(from) > MAX_SCAN_DAYS) throw new RangeError('span longer than 100 years');
  let count = 0;
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(calendar, date)) count++;
  }
  return count;
}

/** The non-working days D with from < D ≤ to, in order. Throws RangeError for a bad date. */
export function listDaysOff(calendar: WorkCalendar, options: WorkingDaysBetweenOptions): DayOff[] {
  const from = toLocalDate(calendar, options.from);
  const to = toLocalDate(calendar, options.to);
  if (dayNumberOf(to) - dayNumberOf(from) > MAX_SCAN_DAYS) throw new RangeError('span longer than 100 years');
  const result: DayOff[] = [];
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
    const off = findDayOff(calendar, date);
    if (off) result.push(off);
  }
  return result;
}

function toLocalDate(calendar: WorkCalendar, value: LocalDate | Date): LocalDate {
  if (value instanceof Date) return localDateOf(value, calendar.timeZone);
  assertDate(value, 'date');
  return value;
}

/** Opening intervals on a local date: none on a non-working day. Throws RangeError for a bad date. */
export function serviceIntervalsOn(calendar: WorkCalendar, date: LocalDate): readonly ServiceInterval[] {
  if (!isWorkingDay(calendar, date)) return [];
  return calendar.serviceHours[isoWeekdayOf(date)] ?? [];
}

/** True when the instant falls on a working day inside an opening interval [open, close), local time. */
export function isWithinServiceHours(calendar: WorkCalendar, instant: Date): boolean {
  const date = localDateOf(instant, calendar.timeZone);
  const time = localTimeOfDayMs(instant, calendar.timeZone);
  return serviceIntervalsOn(calendar, date).some((i) => time >= timeOfDayMs(i.open) && time < timeOfDayMs(i.close));
}

/** True when `year` has published national holiday data in this calendar. */
export function hasHolidayData(calendar: WorkCalendar, year: number): boolean {
  return calendar.coveredYears.has(year);
}
