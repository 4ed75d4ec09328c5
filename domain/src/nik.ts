/**
 * Offline plausibility check of a NIK (Nomor Induk Kependudukan, REFERENCE §6):
 * `PP KK CC DDMMYY SSSS` = Kemendagri province, regency/city and district (kecamatan) of first
 * registration, birth date with day + 40 for women, and a serial from 0001. A valid result means
 * "could exist"; only Dukcapil can say a NIK does exist.
 */
import type { DomainIssue } from './issue.ts';
import type { LocalDate } from './calendar/date.ts';
import { checkSixteenDigits, plausibleDate, resolveRegionPrefix } from './nik-parts.ts';

export { dottedDistrictCode, expandTwoDigitYear } from './nik-parts.ts';

export interface RegionRef {
  code: string;
  name: string;
}

export interface DistrictRegions {
  province: RegionRef;
  regency: RegionRef;
  district: RegionRef;
}

/**
 * The Kemendagri region tree, passed in as data so the rule does no I/O. Codes are dotted:
 * province '35', regency '35.10', district '35.10.01'.
 */
export interface NikRegionLookup {
  district(code: string): DistrictRegions | undefined;
  /** Optional: lets an unknown district still report its province and regency. */
  regency?(code: string): { province: RegionRef; regency: RegionRef } | undefined;
  province?(code: string): RegionRef | undefined;
}

/** Rows of the three upper levels; extra fields (parentCode) are ignored, parents come from the dotted code. */
export interface RegionRows {
  provinces: readonly RegionRef[];
  regencies: readonly RegionRef[];
  districts: readonly RegionRef[];
}

/** Builds an in-memory lookup from region rows (e.g. the idn-area-data CSVs). */
export function createRegionLookup(rows: RegionRows): NikRegionLookup {
  const provinces = new Map(rows.provinces.map((r) => [r.code, { code: r.code, name: r.name }]));
  const regencies = new Map(rows.regencies.map((r) => [r.code, { code: r.code, name: r.name }]));
  const districts = new Map(rows.districts.map((r) => [r.code, { code: r.code, name: r.name }]));
  const regency = (code: string) => {
    const found = regencies.get(code);
    const province = provinces.get(code.slice(0, 2));
    return found && province ? { province, regency: found } : undefined;
  };
  return {
    province: (code) => provinces.get(code),
    regency,
    district: (code) => {
      const found = districts.get(code);
      const parents = regency(code.slice(0, 5));
      return found && parents ? { ...parents, district: found } : undefined;
    },
  };
}

export interface NikResult {
  valid: boolean;
  /** The input with whitespace removed. */
  nik: string;
  province: RegionRef | null;
  regency: RegionRef | null;
  district: RegionRef | null;
  /** L = laki-laki (male), P = perempuan (female), read from the day field. */
  sex: 'L' | 'P' | null;
  birthDate: LocalDate | null;
  serial: string | null;
  errors: DomainIssue[];
}

export interface ValidateNikOptions {
  regions: NikRegionLookup;
  /** The caller's today ('YYYY-MM-DD'): sets the century and rejects future birth dates. */
  today: LocalDate;
}

/** Checks a NIK offline and reads its region, sex and birth date. Never throws for bad input. */
export function validateNik(input: string, options: ValidateNikOptions): NikResult {
  const nik = input.replace(/\s+/g, '');
  const result: NikResult = {
    valid: false,
    nik,
    province: null,
    regency: null,
    district: null,
    sex: null,
    birthDate: null,
    serial: null,
    errors: [],
  };
  const shape = checkSixteenDigits(nik, 'NIK');
  if (shape) return { ...result, errors: [shape] };

  const region = resolveRegionPrefix({ prefix6: nik.slice(0, 6), regions: options.regions, kind: 'NIK' });
  const errors: DomainIssue[] = region.issue ? [region.issue] : [];
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  let sex: NikResult['sex'] = null;
  if (rawDay >= 1 && rawDay <= 31) sex = 'L';
  else if (rawDay >= 41 && rawDay <= 71) sex = 'P';
  else
    errors.push({
      code: 'NIK_DAY',
      message: `Tanggal lahir ${nik.slice(6, 8)} harus 01–31 (laki-laki) atau 41–71 (perempuan).`,
      messageEn: `Birth day ${nik.slice(6, 8)} must be 01–31 (male) or 41–71 (female).`,
    });
  if (month < 1 || month > 12)
    errors.push({
      code: 'NIK_MONTH',
      message: `Bulan lahir ${nik.slice(8, 10)} harus 01–12.`,
      messageEn: `Birth month ${nik.slice(8, 10)} must be 01–12.`,
    });

  const birth =
    sex && month >= 1 && month <= 12
      ? plausibleDate({ day: sex === 'P' ? rawDay - 40 : rawDay, month, yy, today: options.today, prefix: 'NIK' })
      : null;
  if (birth?.issue) errors.push(birth.issue);
  if (serial === '0000')
    errors.push({
      code: 'NIK_SERIAL',
      message: 'Nomor urut 0000 tidak dipakai; nomor urut dimulai dari 0001.',
      messageEn: 'Serial 0000 is never issued; serials start at 0001.',
    });

  return {
    valid: errors.length === 0,
    nik,
    province: region.province,
    regency: region.regency,
    district: region.district,
    sex,
    birthDate: birth?.date ?? null,
    serial,
    errors,
  };
}
