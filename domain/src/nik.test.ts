import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth } from './calendar/date.ts';
import { validateKk } from './kk.ts';
import { createRegionLookup, expandTwoDigitYear, validateNik } from './nik.ts';

const regions = createRegionLookup({
  provinces: [
    { code: '35', name: 'Jawa Timur' },
    { code: '94', name: 'Papua Tengah' },
  ],
  regencies: [
    { code: '35.10', name: 'Kabupaten Banyuwangi' },
    { code: '94.01', name: 'Kabupaten Nabire' },
  ],
  districts: [
    { code: '35.10.01', name: 'Pesanggaran' },
    { code: '35.10.02', name: 'Bangorejo' },
    { code: '94.01.01', name: 'Nabire' },
  ],
});
const today = '2026-11-22';
const codes = (nik: string) => validateNik(nik, { regions, today }).errors.map((e) => e.code);

describe('validateNik', () => {
  it('reads region, sex and birth date of a valid NIK', () => {
    expect(validateNik('3510014708900001', { regions, today })).toEqual({
      valid: true,
      nik: '3510014708900001',
      province: { code: '35', name: 'Jawa Timur' },
      regency: { code: '35.10', name: 'Kabupaten Banyuwangi' },
      district: { code: '35.10.01', name: 'Pesanggaran' },
      sex: 'P',
      birthDate: '1990-08-07',
      serial: '0001',
      errors: [],
    });
    expect(validateNik('3510 0207 0826 0012', { regions, today })).toMatchObject({
      valid: true,
      sex: 'L',
      birthDate: '2026-08-07',
      district: { name: 'Bangorejo' },
    });
  });

  it('reports each problem with a stable code and both languages', () => {
    expect(codes('35100147089000')).toEqual(['NIK_LENGTH']);
    expect(codes('35100147089O0001')).toEqual(['NIK_FORMAT']);
    expect(codes('3510994708900001')).toEqual(['NIK_DISTRICT_UNKNOWN']);
    expect(codes('3510013208900001')).toEqual(['NIK_DAY']);
    expect(codes('3510010013900001')).toEqual(['NIK_DAY', 'NIK_MONTH']);
    expect(codes('3510013002900001')).toEqual(['NIK_DATE']);
    expect(codes('3510012902010001')).toEqual(['NIK_DATE']); // 2001 is not a leap year
    expect(codes('3510012902000001')).toEqual([]); // 2000 is
    expect(codes('3510010112260001')).toEqual(['NIK_DATE_FUTURE']);
    expect(codes('3510014708900000')).toEqual(['NIK_SERIAL']);
    const error = validateNik('3510994708900001', { regions, today }).errors[0]!;
    expect(error.message).toContain('35.10.99');
    expect(error.message).toContain('Kabupaten Banyuwangi');
    expect(error.messageEn).toContain('not a known district');
    expect(validateNik('3510994708900001', { regions, today })).toMatchObject({
      province: { code: '35' },
      regency: { code: '35.10' },
      district: null,
    });
  });

  it('takes the century from today', () => {
    expect(expandTwoDigitYear(26, '2026-01-01')).toBe(2026);
    expect(expandTwoDigitYear(27, '2026-01-01')).toBe(1927);
    expect(expandTwoDigitYear(0, '2026-01-01')).toBe(2000);
    expect(validateNik('3510010101270001', { regions, today }).birthDate).toBe('1927-01-01');
    expect(validateNik('3510010101270001', { regions, today: '2027-06-01' }).birthDate).toBe('2027-01-01');
  });
});

const districtArb = fc.constantFrom('351001', '351002', '940101');
const birthArb = fc
  .record({
    year: fc.integer({ min: 1927, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }))
  .filter(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` <= today);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('NIK properties', () => {
  it("a NIK built from valid parts is valid and gives back its parts; a woman's day − 40 is the birth day", () => {
    fc.assert(
      fc.property(
        districtArb,
        birthArb,
        fc.constantFrom<'L' | 'P'>('L', 'P'),
        fc.integer({ min: 1, max: 9999 }),
        (district, birth, sex, serial) => {
          const dd = sex === 'P' ? birth.day + 40 : birth.day;
          const nik = `${district}${pad(dd)}${pad(birth.month)}${pad(birth.year % 100)}${pad(serial, 4)}`;
          const result = validateNik(nik, { regions, today });
          expect(result.errors).toEqual([]);
          expect(result.sex).toBe(sex);
          expect(result.birthDate).toBe(`${birth.year}-${pad(birth.month)}-${pad(birth.day)}`);
          if (sex === 'P') expect(Number(nik.slice(6, 8)) - 40).toBe(Number(result.birthDate!.slice(8, 10)));
        },
      ),
    );
  });

  it('anything that is not 16 digits is invalid and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (text) => {
        const result = validateNik(text, { regions, today });
        if (!/^\d{16}$/.test(text.replace(/\s+/g, ''))) expect(result.valid).toBe(false);
      }),
    );
  });

  it('serial 0000 is always invalid', () => {
    fc.assert(
      fc.property(districtArb, birthArb, (district, birth) => {
        const nik = `${district}${pad(birth.day)}${pad(birth.month)}${pad(birth.year % 100)}0000`;
        expect(validateNik(nik, { regions, today }).errors.map((e) => e.code)).toContain('NIK_SERIAL');
      }),
    );
  });
});

describe('validateKk', () => {
  it('accepts a plausible KK number and flags the unverified structure', () => {
    expect(validateKk('3510011503150003', { regions, today })).toMatchObject({
      valid: true,
      issueDate: '2015-03-15',
      structureVerified: false,
      district: { name: 'Pesanggaran' },
    });
  });

  it('rejects a female NIK typed as a KK number, with a hint', () => {
    const result = validateKk('3510014708900001', { regions, today });
    expect(result.errors.map((e) => e.code)).toEqual(['KK_DATE']);
    expect(result.errors[0]!.messageEn).toContain('female NIK');
  });

  it('reports shape, region, month and serial problems', () => {
    const kkCodes = (kk: string) => validateKk(kk, { regions, today }).errors.map((e) => e.code);
    expect(kkCodes('123')).toEqual(['KK_LENGTH']);
    expect(kkCodes('9999011503150003')).toEqual(['KK_DISTRICT_UNKNOWN']);
    expect(kkCodes('3510011513150003')).toEqual(['KK_MONTH']);
    expect(kkCodes('3510011503150000')).toEqual(['KK_SERIAL']);
    expect(kkCodes('3510011512260003')).toEqual(['KK_DATE_FUTURE']);
  });
});
