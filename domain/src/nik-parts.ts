/**
 * Pieces shared by the NIK and KK checks: the region prefix, the 16-digit shape and a two-digit
 * year date. Internal to the domain package (not re-exported from index.ts).
 */
import type { DomainIssue } from './issue.ts';
import { daysInMonth, type LocalDate } from './calendar/date.ts';
import type { NikRegionLookup, RegionRef } from './nik.ts';

/** '351001' → '35.10.01'. */
export function dottedDistrictCode(prefix6: string): string {
  return `${prefix6.slice(0, 2)}.${prefix6.slice(2, 4)}.${prefix6.slice(4, 6)}`;
}

export interface RegionPart {
  province: RegionRef | null;
  regency: RegionRef | null;
  district: RegionRef | null;
}

export interface ResolveRegionPrefixOptions {
  prefix6: string;
  regions: NikRegionLookup;
  kind: 'NIK' | 'KK';
}

/** Region of a 6-digit prefix, with the issue to report when the district is unknown. */
export function resolveRegionPrefix(options: ResolveRegionPrefixOptions): RegionPart & { issue?: DomainIssue } {
  const { prefix6, regions, kind } = options;
  const code = dottedDistrictCode(prefix6);
  const found = regions.district(code);
  if (found) return found;
  const parents = regions.regency?.(code.slice(0, 5));
  const province = parents?.province ?? regions.province?.(code.slice(0, 2)) ?? null;
  return {
    province,
    regency: parents?.regency ?? null,
    district: null,
    issue: {
      code: `${kind}_DISTRICT_UNKNOWN`,
      message: `Kode wilayah ${code} bukan kecamatan yang dikenal${province ? ` di ${parents?.regency.name ?? province.name}` : ''}.`,
      messageEn: `Region code ${code} is not a known district${province ? ` in ${parents?.regency.name ?? province.name}` : ''}.`,
    },
  };
}

/**
 * Two-digit year → full year, ≤ the current two-digit year → 20YY, else 19YY. A birth year
 * 100+ years back is indistinguishable, which is why this is plausibility, not proof.
 */
export function expandTwoDigitYear(yy: number, today: LocalDate): number {
  const currentYear = Number(today.slice(0, 4));
  const century = Math.floor(currentYear / 100) * 100;
  return yy <= currentYear % 100 ? century + yy : century - 100 + yy;
}

/** NIK_FORMAT / NIK_LENGTH (or KK_…) issue when the string is not 16 digits. */
export function checkSixteenDigits(value: string, prefix: 'NIK' | 'KK'): DomainIssue | undefined {
  const label = prefix === 'NIK' ? 'NIK' : 'Nomor KK';
  if (!/^\d*$/.test(value))
    return {
      code: `${prefix}_FORMAT`,
      message: `${label} hanya boleh berisi angka.`,
      messageEn: `${prefix === 'NIK' ? 'A NIK' : 'A KK number'} may contain digits only.`,
    };
  if (value.length !== 16)
    return {
      code: `${prefix}_LENGTH`,
      message: `${label} harus 16 digit, bukan ${value.length}.`,
      messageEn: `${prefix === 'NIK' ? 'A NIK' : 'A KK number'} has 16 digits, not ${value.length}.`,
    };
  return undefined;
}

export interface PlausibleDateOptions {
  day: number;
  month: number;
  yy: number;
  today: LocalDate;
  prefix: 'NIK' | 'KK';
}

/** The full date for DD/MM/YY, or the _DATE / _DATE_FUTURE issue. Month must already be 1–12. */
export function plausibleDate(options: PlausibleDateOptions): { date: LocalDate | null; issue?: DomainIssue } {
  const { day, month, yy, today, prefix } = options;
  const year = expandTwoDigitYear(yy, today);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (day < 1 || day > daysInMonth(year, month)) {
    return {
      date: null,
      issue: {
        code: `${prefix}_DATE`,
        message: `Tanggal ${date} tidak ada di kalender.`,
        messageEn: `${date} is not a calendar date.`,
      },
    };
  }
  if (date > today) {
    return {
      date,
      issue: { code: `${prefix}_DATE_FUTURE`, message: `Tanggal ${date} belum terjadi.`, messageEn: `${date} is in the future.` },
    };
  }
  return { date };
}
