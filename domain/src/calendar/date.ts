/**
 * Civil dates and instants in Indonesian time zones. Indonesia has no daylight saving time, so
 * a zone is a fixed offset (region.ts) and no tz library is needed. A `LocalDate` is a plain
 * 'YYYY-MM-DD' string: it compares correctly as a string and prints as-is in JSON.
 */
import { TIME_ZONE_OFFSET_MINUTES, type TimeZoneName } from '../region.ts';

export type LocalDate = string;

/** ISO weekday: 1 = Monday (Senin) … 7 = Sunday (Minggu). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
// Date-time with seconds optional, fraction optional, and a mandatory Z or ±HH:MM: a local time
// without an offset would silently take the server's zone.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed 'YYYY-MM-DD' that names a real calendar day. */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE_PATTERN.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Days since 1970-01-01 for a local date. Throws RangeError for a malformed or unreal date. */
export function dayNumberOf(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The local date `dayNumber` days after 1970-01-01. */
export function localDateOfDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative moves back). Throws RangeError for a bad date. */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return localDateOfDayNumber(dayNumberOf(date) + days);
}

/** ISO weekday of a local date. Throws RangeError for a bad date. */
export function isoWeekdayOf(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((dayNumberOf(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

function offsetMs(zone: TimeZoneName): number {
  return TIME_ZONE_OFFSET_MINUTES[zone] * MS_PER_MINUTE;
}

/** The calendar day an instant falls on in `zone`. */
export function localDateOf(instant: Date, zone: TimeZoneName): LocalDate {
  return localDateOfDayNumber(Math.floor((instant.getTime() + offsetMs(zone)) / MS_PER_DAY));
}

/** Milliseconds since local midnight of the instant's local day in `zone`. */
export function localTimeOfDayMs(instant: Date, zone: TimeZoneName): number {
  const local = instant.getTime() + offsetMs(zone);
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** Milliseconds after midnight for 'HH:MM' or 'HH:MM:SS'. Throws RangeError when malformed. */
export function timeOfDayMs(time: string): number {
  const m = TIME_OF_DAY_PATTERN.exec(time);
  if (!m) throw new RangeError(`not a time of day (HH:MM): "${time}"`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

export interface InstantAtOptions {
  date: LocalDate;
  /** 'HH:MM' or 'HH:MM:SS'; '24:00' is not accepted, use the next day's '00:00'. */
  time: string;
  timeZone: TimeZoneName;
}

/** The instant a wall-clock time on a local date names in a zone. Throws RangeError when malformed. */
export function instantAt(options: InstantAtOptions): Date {
  const local = dayNumberOf(options.date) * MS_PER_DAY + timeOfDayMs(options.time);
  return new Date(local - offsetMs(options.timeZone));
}

/** 23:59:59 local time on `date`: the instant a day-based deadline ends. Throws RangeError for a bad date. */
export function endOfLocalDay(date: LocalDate, zone: TimeZoneName): Date {
  return instantAt({ date, time: '23:59:59', timeZone: zone });
}

/** Local midnight at the start of `date`. Throws RangeError for a bad date. */
export function startOfLocalDay(date: LocalDate, zone: TimeZoneName): Date {
  return instantAt({ date, time: '00:00', timeZone: zone });
}

/**
 * ISO-8601 with the zone's own offset, e.g. 2026-11-27T23:59:59+07:00; milliseconds only when
 * non-zero. Throws RangeError for an invalid Date.
 */
export function toOffsetIso(instant: Date, zone: TimeZoneName): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
  const minutes = TIME_ZONE_OFFSET_MINUTES[zone];
  const shifted = new Date(instant.getTime() + minutes * MS_PER_MINUTE).toISOString();
  const body = shifted.endsWith('.000Z') ? shifted.slice(0, 19) : shifted.slice(0, 23);
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${body}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Parses an ISO-8601 instant that carries Z or an explicit offset; undefined for anything else,
 * including a date-time without offset and impossible dates such as 2026-02-30.
 */
export function parseInstant(text: string): Date | undefined {
  if (!INSTANT_PATTERN.test(text) || !isLocalDate(text.slice(0, 10))) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
