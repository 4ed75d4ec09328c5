/**
 * Kemendagri region codes and the time zone each province keeps (REFERENCE §7).
 * Indonesia has no daylight saving time, so a province's zone is a fixed offset.
 */
export type TimeZoneName = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
export type TimeZoneLabel = 'WIB' | 'WITA' | 'WIT';

export const TIME_ZONE_LABEL: Record<TimeZoneName, TimeZoneLabel> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export const TIME_ZONE_OFFSET_MINUTES: Record<TimeZoneName, number> = {
  'Asia/Jakarta': 7 * 60,
  'Asia/Makassar': 8 * 60,
  'Asia/Jayapura': 9 * 60,
};

/**
 * Province (Kemendagri code, not BPS) → IANA zone. Kalimantan Barat and Tengah keep WIB
 * (IANA's Asia/Pontianak is the same UTC+7; Asia/Jakarta is used for all of WIB so that one
 * zone name means one label).
 */
export const PROVINCE_TIME_ZONE: Readonly<Record<string, TimeZoneName>> = Object.freeze({
  '11': 'Asia/Jakarta',
  '12': 'Asia/Jakarta',
  '13': 'Asia/Jakarta',
  '14': 'Asia/Jakarta',
  '15': 'Asia/Jakarta',
  '16': 'Asia/Jakarta',
  '17': 'Asia/Jakarta',
  '18': 'Asia/Jakarta',
  '19': 'Asia/Jakarta',
  '21': 'Asia/Jakarta',
  '31': 'Asia/Jakarta',
  '32': 'Asia/Jakarta',
  '33': 'Asia/Jakarta',
  '34': 'Asia/Jakarta',
  '35': 'Asia/Jakarta',
  '36': 'Asia/Jakarta',
  '61': 'Asia/Jakarta',
  '62': 'Asia/Jakarta',
  '51': 'Asia/Makassar',
  '52': 'Asia/Makassar',
  '53': 'Asia/Makassar',
  '63': 'Asia/Makassar',
  '64': 'Asia/Makassar',
  '65': 'Asia/Makassar',
  '71': 'Asia/Makassar',
  '72': 'Asia/Makassar',
  '73': 'Asia/Makassar',
  '74': 'Asia/Makassar',
  '75': 'Asia/Makassar',
  '76': 'Asia/Makassar',
  '81': 'Asia/Jayapura',
  '82': 'Asia/Jayapura',
  '91': 'Asia/Jayapura',
  '92': 'Asia/Jayapura',
  '93': 'Asia/Jayapura',
  '94': 'Asia/Jayapura',
  '95': 'Asia/Jayapura',
  '96': 'Asia/Jayapura',
});

export type RegionLevel = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan';

export const REGION_LEVELS: readonly RegionLevel[] = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan'];

/** Dotted Kemendagri code: 35 · 35.10 · 35.10.01 · 35.10.01.2001. */
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** The level a well-formed code names, or undefined for a malformed one. */
export function regionLevelOf(code: string): RegionLevel | undefined {
  if (!REGION_CODE_PATTERN.test(code)) return undefined;
  return REGION_LEVELS[code.split('.').length - 1];
}

/** The codes of every ancestor of `code`, province first. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** The province's time zone for any region code; undefined when the province is unknown. */
export function timeZoneOfRegion(code: string): TimeZoneName | undefined {
  return PROVINCE_TIME_ZONE[code.slice(0, 2)];
}
