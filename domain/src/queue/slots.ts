/**
 * Booking slots of a service location on one local date: the location's weekly opening hours,
 * cut into equal slots, on working days of the national calendar (holidays and cuti bersama are
 * closed unless the tenant says otherwise).
 */
import type { TimeZoneName } from '../region.ts';
import { addCalendarDays, isLocalDate, isoWeekdayOf, timeOfDayMs, type IsoWeekday, type LocalDate } from '../calendar/date.ts';
import {
  createWorkCalendar,
  findDayOff,
  type DayOff,
  type TenantCalendar,
  type WeeklyServiceHours,
} from '../calendar/working-days.ts';

/** One weekly opening interval as stored on a location: ISO weekday, 'HH:MM' local time. */
export interface OpeningInterval {
  day: number;
  opens: string;
  closes: string;
}

export interface Slot {
  /** 'HH:MM' local time, inclusive. */
  start: string;
  /** 'HH:MM' local time, exclusive. */
  end: string;
}

export interface SlotRules {
  openingHours: readonly OpeningInterval[];
  timeZone: TimeZoneName;
  /** Length of one slot in minutes (5–240). */
  slotMinutes: number;
  /** Regional days off and worked national holidays, as for the SLA calendar. */
  tenant?: Omit<TenantCalendar, 'workWeek' | 'serviceHours'>;
}

const MINUTE_MS = 60_000;

function hhmm(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The location's hours as a work calendar: its open weekdays are its work week. Throws RangeError on bad hours or slot length. */
function calendarOf(rules: SlotRules) {
  if (!Number.isInteger(rules.slotMinutes) || rules.slotMinutes < 5 || rules.slotMinutes > 240) {
    throw new RangeError(`slotMinutes must be a whole number 5–240, not ${rules.slotMinutes}`);
  }
  const serviceHours: WeeklyServiceHours = {};
  for (const interval of rules.openingHours) {
    const day = interval.day as IsoWeekday;
    serviceHours[day] = [...(serviceHours[day] ?? []), { open: interval.opens, close: interval.closes }];
  }
  const workWeek = Object.keys(serviceHours).map(Number) as IsoWeekday[];
  if (workWeek.length === 0) return undefined;
  return createWorkCalendar({ timeZone: rules.timeZone, tenant: { ...rules.tenant, workWeek, serviceHours } });
}

/** Why the location is closed on `date` (weekend/holiday), or undefined when it opens. Throws RangeError for a bad date. */
export function closedReason(rules: SlotRules, date: LocalDate): DayOff | undefined {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date: "${date}"`);
  const calendar = calendarOf(rules);
  if (!calendar) return { date, reason: 'weekend' };
  return findDayOff(calendar, date);
}

/**
 * The slots on `date`, in order; none when the location is closed that day. A slot that would
 * run past closing time is not offered. Throws RangeError for a bad date or slot length.
 */
export function slotsOn(rules: SlotRules, date: LocalDate): Slot[] {
  if (closedReason(rules, date)) return [];
  const step = rules.slotMinutes * MINUTE_MS;
  const weekday = isoWeekdayOf(date);
  const slots: Slot[] = [];
  const intervals = rules.openingHours
    .filter((i) => i.day === weekday)
    .sort((a, b) => timeOfDayMs(a.opens) - timeOfDayMs(b.opens));
  for (const interval of intervals) {
    const close = timeOfDayMs(interval.closes);
    for (let at = timeOfDayMs(interval.opens); at + step <= close; at += step) {
      slots.push({ start: hhmm(at), end: hhmm(at + step) });
    }
  }
  return slots;
}

/** True when `start` is one of the slots offered on `date`. */
export function isSlotStart(rules: SlotRules, date: LocalDate, start: string): boolean {
  return slotsOn(rules, date).some((s) => s.start === start);
}

/** The next `count` dates from `from` (inclusive) on which the location opens, looking at most `horizonDays` ahead. */
export function openDates(rules: SlotRules, from: LocalDate, options: { count: number; horizonDays: number }): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let i = 0; i < options.horizonDays && dates.length < options.count; i++) {
    const date = addCalendarDays(from, i);
    if (slotsOn(rules, date).length > 0) dates.push(date);
  }
  return dates;
}
