/**
 * Indonesian display formats, one place for server, web and CLI: Rupiah as PUEBI writes it
 * ("Rp1.500.000", no space, no decimals), dates as "22 November 2026" and times as
 * "09.30 WIB". Intl supplies the digits and month names (Node 20 has full ICU); the zone label
 * comes from region.ts because Intl's own names ("GMT+7") are not what Indonesians read.
 */
import { TIME_ZONE_LABEL, type TimeZoneName } from './region.ts';
import { dayNumberOf, type LocalDate } from './calendar/date.ts';
import type { SlaUnit } from './sla.ts';

const RUPIAH_DIGITS = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, minimumFractionDigits: 0 });

/**
 * 1500000 → "Rp1.500.000"; −2500 → "-Rp2.500"; fractions round half away from zero.
 * Throws RangeError for NaN or ±Infinity.
 */
export function formatRupiah(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`not an amount: ${amount}`);
  const rounded = Math.round(Math.abs(amount));
  return `${amount < 0 && rounded !== 0 ? '-' : ''}Rp${RUPIAH_DIGITS.format(rounded)}`;
}

export interface FormatDateOptions {
  /** Prefix the weekday: "Minggu, 22 November 2026". */
  weekday?: boolean;
}

/** '2026-11-22' → "22 November 2026". Throws RangeError for a malformed date. */
export function formatDate(date: LocalDate, options: FormatDateOptions = {}): string {
  const utc = new Date(dayNumberOf(date) * 86_400_000);
  return new Intl.DateTimeFormat('id-ID', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(options.weekday ? { weekday: 'long' } : {}),
  }).format(utc);
}

/** The local date of an instant in a zone, formatted like formatDate. */
export function formatInstantDate(instant: Date, timeZone: TimeZoneName, options: FormatDateOptions = {}): string {
  return new Intl.DateTimeFormat('id-ID', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(options.weekday ? { weekday: 'long' } : {}),
  }).format(instant);
}

/** "09.30 WIB": 24-hour local time with the zone's Indonesian label. */
export function formatTime(instant: Date, timeZone: TimeZoneName): string {
  const time = new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return `${time} ${TIME_ZONE_LABEL[timeZone]}`;
}

/** "22 November 2026 pukul 09.30 WIB". */
export function formatDateTime(instant: Date, timeZone: TimeZoneName): string {
  return `${formatInstantDate(instant, timeZone)} pukul ${formatTime(instant, timeZone)}`;
}

const UNIT_LABEL: Record<SlaUnit, string> = {
  working_days: 'hari kerja',
  calendar_days: 'hari kalender',
  hours: 'jam',
  minutes: 'menit',
};

/** 5, 'working_days' → "5 hari kerja"; decimals use a comma: 1.5 jam → "1,5 jam". */
export function formatSlaDuration(amount: number, unit: SlaUnit): string {
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(amount)} ${UNIT_LABEL[unit]}`;
}
