/**
 * Plausibility of a Kartu Keluarga (family card) number. REFERENCE §6 marks the structure [M]:
 * 16 digits `PP KK CC DDMMYY SSSS` = district of issue, issue date (no +40), serial. The check
 * is therefore weaker evidence than the NIK check; results say so in `structureVerified`.
 */
import type { DomainIssue } from './issue.ts';
import type { LocalDate } from './calendar/date.ts';
import type { NikRegionLookup, RegionRef } from './nik.ts';
import { checkSixteenDigits, plausibleDate, resolveRegionPrefix } from './nik-parts.ts';

export interface KkResult {
  valid: boolean;
  kk: string;
  province: RegionRef | null;
  regency: RegionRef | null;
  district: RegionRef | null;
  issueDate: LocalDate | null;
  serial: string | null;
  /** Always false until the KK layout is confirmed from a Dukcapil source. */
  structureVerified: false;
  errors: DomainIssue[];
}

export interface ValidateKkOptions {
  regions: NikRegionLookup;
  today: LocalDate;
}

/** Checks a KK number offline for plausibility. Never throws for bad input. */
export function validateKk(input: string, options: ValidateKkOptions): KkResult {
  const kk = input.replace(/\s+/g, '');
  const empty: KkResult = {
    valid: false,
    kk,
    province: null,
    regency: null,
    district: null,
    issueDate: null,
    serial: null,
    structureVerified: false,
    errors: [],
  };
  const shape = checkSixteenDigits(kk, 'KK');
  if (shape) return { ...empty, errors: [shape] };

  const region = resolveRegionPrefix({ prefix6: kk.slice(0, 6), regions: options.regions, kind: 'KK' });
  const errors: DomainIssue[] = region.issue ? [region.issue] : [];
  const day = Number(kk.slice(6, 8));
  const month = Number(kk.slice(8, 10));
  const serial = kk.slice(12, 16);
  let issueDate: LocalDate | null = null;
  if (month < 1 || month > 12) {
    errors.push({
      code: 'KK_MONTH',
      message: `Bulan terbit ${kk.slice(8, 10)} harus 01–12.`,
      messageEn: `Issue month ${kk.slice(8, 10)} must be 01–12.`,
    });
  } else {
    const date = plausibleDate({ day, month, yy: Number(kk.slice(10, 12)), today: options.today, prefix: 'KK' });
    issueDate = date.date;
    if (date.issue) {
      // A day of 41–71 is the NIK's female marker: the number was probably typed into the wrong field.
      const hint = day >= 41 && day <= 71 ? ' Angka ini tampaknya NIK perempuan, bukan nomor KK.' : '';
      const hintEn = day >= 41 && day <= 71 ? ' This looks like a female NIK, not a KK number.' : '';
      errors.push({ ...date.issue, message: date.issue.message + hint, messageEn: date.issue.messageEn + hintEn });
    }
  }
  if (serial === '0000')
    errors.push({ code: 'KK_SERIAL', message: 'Nomor urut 0000 tidak dipakai.', messageEn: 'Serial 0000 is never issued.' });
  return {
    ...empty,
    valid: errors.length === 0,
    province: region.province,
    regency: region.regency,
    district: region.district,
    issueDate,
    serial,
    errors,
  };
}
