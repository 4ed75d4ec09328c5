/**
 * National holidays (libur nasional) and collective leave (cuti bersama), as data, versioned by
 * the joint ministerial decree (SKB Menag/Menaker/MenPAN-RB) that made each entry effective
 * (REFERENCE §7). An SKB can change a year's list mid-year (18 Aug 2025 was added on 7 Aug 2025),
 * so every entry says when it became known: "the calendar as known on date X" is then the
 * entries with validFrom ≤ X that were not withdrawn by X.
 *
 * To add a year or an amendment: append a decree to HOLIDAY_DECREES and its entries to
 * NATIONAL_HOLIDAYS; never edit or delete a past entry, withdraw it with `withdrawnFrom`.
 */
import type { LocalDate } from './date.ts';

export type HolidayKind = 'libur_nasional' | 'cuti_bersama';

export interface HolidayDecree {
  /** Stable id used by entries, e.g. 'skb-2025-amend-1'. */
  id: string;
  /** The SKB numbers as cited: Menag / Menaker / MenPAN-RB. */
  number: string;
  /** The year whose holidays the decree sets. */
  year: number;
  /** Signing date; entries added by this decree take effect from it. */
  signedOn: LocalDate;
  /** The decree this one amends, if any. */
  amends?: string;
  /** Where the dates and the signing date were read; third-party copies, not the gazette. */
  source: string;
  /** False while the signing date or the list has only been seen in third-party copies. */
  verified: boolean;
}

export interface NationalHoliday {
  date: LocalDate;
  kind: HolidayKind;
  /** Name in Bahasa Indonesia, as the SKB lists it. */
  name: string;
  nameEn: string;
  /** HolidayDecree.id that added the entry. */
  addedBy: string;
  /** The day the entry became effective (the adding decree's signing date). */
  validFrom: LocalDate;
  /** Set when a later decree withdrew the entry; it stops counting from this date. */
  withdrawnFrom?: LocalDate;
  withdrawnBy?: string;
}

export const HOLIDAY_DECREES: readonly HolidayDecree[] = [
  {
    id: 'skb-2025',
    number: '1017 Tahun 2024 / 2 Tahun 2024 / 2 Tahun 2024',
    year: 2025,
    signedOn: '2024-10-14',
    source: 'REFERENCE §7 [V:S38]; signing date per menpan.go.id and jpnn.com reports of 14 Oct 2024',
    verified: false,
  },
  {
    id: 'skb-2025-amend-1',
    number: '933 Tahun 2025 / 1 Tahun 2025 / 3 Tahun 2025',
    year: 2025,
    signedOn: '2025-08-07',
    amends: 'skb-2025',
    source: 'REFERENCE §7 [V:S39]; signed and effective 7 Aug 2025 per okezone.com and ddtc.co.id',
    verified: false,
  },
  {
    id: 'skb-2026',
    number: '1497 Tahun 2025 / 2 Tahun 2025 / 5 Tahun 2025',
    year: 2026,
    signedOn: '2025-09-19',
    source: 'REFERENCE §7 [V:S40]; signing date per reports of the 19 Sep 2025 ministerial meeting',
    verified: false,
  },
];

type Row = [date: LocalDate, kind: HolidayKind, name: string, nameEn: string];

const LN: HolidayKind = 'libur_nasional';
const CB: HolidayKind = 'cuti_bersama';

const SKB_2025: Row[] = [
  ['2025-01-01', LN, 'Tahun Baru 2025 Masehi', "New Year's Day"],
  ['2025-01-27', LN, 'Isra Mikraj Nabi Muhammad SAW', "Isra Mi'raj"],
  ['2025-01-28', CB, 'Cuti Bersama Tahun Baru Imlek 2576 Kongzili', 'Chinese New Year collective leave'],
  ['2025-01-29', LN, 'Tahun Baru Imlek 2576 Kongzili', 'Chinese New Year'],
  ['2025-03-28', CB, 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1947', 'Nyepi collective leave'],
  ['2025-03-29', LN, 'Hari Suci Nyepi Tahun Baru Saka 1947', 'Nyepi (Day of Silence)'],
  ['2025-03-31', LN, 'Idulfitri 1446 Hijriah', 'Eid al-Fitr'],
  ['2025-04-01', LN, 'Idulfitri 1446 Hijriah', 'Eid al-Fitr (2nd day)'],
  ['2025-04-02', CB, 'Cuti Bersama Idulfitri 1446 Hijriah', 'Eid al-Fitr collective leave'],
  ['2025-04-03', CB, 'Cuti Bersama Idulfitri 1446 Hijriah', 'Eid al-Fitr collective leave'],
  ['2025-04-04', CB, 'Cuti Bersama Idulfitri 1446 Hijriah', 'Eid al-Fitr collective leave'],
  ['2025-04-07', CB, 'Cuti Bersama Idulfitri 1446 Hijriah', 'Eid al-Fitr collective leave'],
  ['2025-04-18', LN, 'Wafat Yesus Kristus', 'Good Friday'],
  ['2025-04-20', LN, 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'],
  ['2025-05-01', LN, 'Hari Buruh Internasional', 'Labour Day'],
  ['2025-05-12', LN, 'Hari Raya Waisak 2569 BE', 'Vesak'],
  ['2025-05-13', CB, 'Cuti Bersama Hari Raya Waisak 2569 BE', 'Vesak collective leave'],
  ['2025-05-29', LN, 'Kenaikan Yesus Kristus', 'Ascension Day'],
  ['2025-05-30', CB, 'Cuti Bersama Kenaikan Yesus Kristus', 'Ascension Day collective leave'],
  ['2025-06-01', LN, 'Hari Lahir Pancasila', 'Pancasila Day'],
  ['2025-06-06', LN, 'Iduladha 1446 Hijriah', 'Eid al-Adha'],
  ['2025-06-09', CB, 'Cuti Bersama Iduladha 1446 Hijriah', 'Eid al-Adha collective leave'],
  ['2025-06-27', LN, 'Tahun Baru Islam 1447 Hijriah', 'Islamic New Year'],
  ['2025-08-17', LN, 'Hari Proklamasi Kemerdekaan Republik Indonesia', 'Independence Day'],
  ['2025-09-05', LN, 'Maulid Nabi Muhammad SAW', "Prophet Muhammad's Birthday"],
  ['2025-12-25', LN, 'Hari Raya Natal', 'Christmas Day'],
  ['2025-12-26', CB, 'Cuti Bersama Hari Raya Natal', 'Christmas collective leave'],
];

const SKB_2025_AMEND_1: Row[] = [
  [
    '2025-08-18',
    CB,
    'Cuti Bersama Hari Ulang Tahun ke-80 Kemerdekaan Republik Indonesia',
    '80th Independence Day collective leave',
  ],
];

const SKB_2026: Row[] = [
  ['2026-01-01', LN, 'Tahun Baru 2026 Masehi', "New Year's Day"],
  ['2026-01-16', LN, 'Isra Mikraj Nabi Muhammad SAW', "Isra Mi'raj"],
  ['2026-02-16', CB, 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili', 'Chinese New Year collective leave'],
  ['2026-02-17', LN, 'Tahun Baru Imlek 2577 Kongzili', 'Chinese New Year'],
  ['2026-03-18', CB, 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948', 'Nyepi collective leave'],
  ['2026-03-19', LN, 'Hari Suci Nyepi Tahun Baru Saka 1948', 'Nyepi (Day of Silence)'],
  ['2026-03-20', CB, 'Cuti Bersama Idulfitri 1447 Hijriah', 'Eid al-Fitr collective leave'],
  ['2026-03-21', LN, 'Idulfitri 1447 Hijriah', 'Eid al-Fitr'],
  ['2026-03-22', LN, 'Idulfitri 1447 Hijriah', 'Eid al-Fitr (2nd day)'],
  ['2026-03-23', CB, 'Cuti Bersama Idulfitri 1447 Hijriah', 'Eid al-Fitr collective leave'],
  ['2026-03-24', CB, 'Cuti Bersama Idulfitri 1447 Hijriah', 'Eid al-Fitr collective leave'],
  ['2026-04-03', LN, 'Wafat Yesus Kristus', 'Good Friday'],
  ['2026-04-05', LN, 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'],
  ['2026-05-01', LN, 'Hari Buruh Internasional', 'Labour Day'],
  ['2026-05-14', LN, 'Kenaikan Yesus Kristus', 'Ascension Day'],
  ['2026-05-15', CB, 'Cuti Bersama Kenaikan Yesus Kristus', 'Ascension Day collective leave'],
  ['2026-05-27', LN, 'Iduladha 1447 Hijriah', 'Eid al-Adha'],
  ['2026-05-28', CB, 'Cuti Bersama Iduladha 1447 Hijriah', 'Eid al-Adha collective leave'],
  ['2026-05-31', LN, 'Hari Raya Waisak 2570 BE', 'Vesak'],
  ['2026-06-01', LN, 'Hari Lahir Pancasila', 'Pancasila Day'],
  ['2026-06-16', LN, 'Tahun Baru Islam 1448 Hijriah', 'Islamic New Year'],
  ['2026-08-17', LN, 'Hari Proklamasi Kemerdekaan Republik Indonesia', 'Independence Day'],
  ['2026-08-25', LN, 'Maulid Nabi Muhammad SAW', "Prophet Muhammad's Birthday"],
  ['2026-12-24', CB, 'Cuti Bersama Hari Raya Natal', 'Christmas collective leave'],
  ['2026-12-25', LN, 'Hari Raya Natal', 'Christmas Day'],
];

function entries(decreeId: string, rows: Row[]): NationalHoliday[] {
  const decree = HOLIDAY_DECREES.find((d) => d.id === decreeId);
  if (!decree) throw new Error(`unknown holiday decree ${decreeId}`);
  return rows.map(([date, kind, name, nameEn]) => ({ date, kind, name, nameEn, addedBy: decreeId, validFrom: decree.signedOn }));
}

/** Every national holiday and cuti bersama ever published, including later-withdrawn ones. */
export const NATIONAL_HOLIDAYS: readonly NationalHoliday[] = Object.freeze([
  ...entries('skb-2025', SKB_2025),
  ...entries('skb-2025-amend-1', SKB_2025_AMEND_1),
  ...entries('skb-2026', SKB_2026),
]);

export interface HolidaysKnownOnOptions {
  /** Omit for the latest data (every decree, every withdrawal). */
  knownOn?: LocalDate;
  holidays?: readonly NationalHoliday[];
}

/** The entries in force as known on a date: added on or before it and not withdrawn by then. */
export function holidaysKnownOn(options: HolidaysKnownOnOptions = {}): NationalHoliday[] {
  const { knownOn, holidays = NATIONAL_HOLIDAYS } = options;
  return holidays.filter((h) => {
    if (knownOn === undefined) return h.withdrawnFrom === undefined;
    return h.validFrom <= knownOn && (h.withdrawnFrom === undefined || h.withdrawnFrom > knownOn);
  });
}

export interface HolidayCoverageOptions {
  knownOn?: LocalDate;
  decrees?: readonly HolidayDecree[];
}

/** Years whose holiday list was published (by its first decree) as known on a date. */
export function holidayYearsKnownOn(options: HolidayCoverageOptions = {}): number[] {
  const { knownOn, decrees = HOLIDAY_DECREES } = options;
  const years = decrees.filter((d) => knownOn === undefined || d.signedOn <= knownOn).map((d) => d.year);
  return [...new Set(years)].sort((a, b) => a - b);
}

/**
 * A short label of the data a calendar used, e.g. 'skb-2025+skb-2025-amend-1+skb-2026', so a
 * stored deadline can say which decrees it was computed from.
 */
export function holidayDataVersion(options: HolidayCoverageOptions = {}): string {
  const { knownOn, decrees = HOLIDAY_DECREES } = options;
  return (
    decrees
      .filter((d) => knownOn === undefined || d.signedOn <= knownOn)
      .map((d) => d.id)
      .join('+') || 'none'
  );
}
